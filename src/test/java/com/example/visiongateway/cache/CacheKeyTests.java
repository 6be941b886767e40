package com.example.visiongateway.cache;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CacheKeyTests {

	private static final String A = "a".repeat(64);

	private static final String B = "b".repeat(64);

	@Test
	void isSixtyFourHexDigitsWithoutTheCallersText() {
		String id = key(Map.of("prompt", "my secret prompt"), List.of(A)).id();

		assertThat(id).matches("[0-9a-f]{64}").doesNotContain("secret");
	}

	@Test
	void theOrderParametersCameInDoesNotMatter() {
		Map<String, Object> one = new LinkedHashMap<>();
		one.put("prompt", "x");
		one.put("maxDimension", 512);
		Map<String, Object> other = new LinkedHashMap<>();
		other.put("maxDimension", 512);
		other.put("prompt", "x");

		assertThat(key(one, List.of(A)).id()).isEqualTo(key(other, List.of(A)).id());
	}

	@Test
	void theOrderOfImagesAndOfListValuesMatters() {
		assertThat(key(Map.of(), List.of(A, B)).id()).isNotEqualTo(key(Map.of(), List.of(B, A)).id());
		assertThat(key(Map.of("labels", List.of("cat", "dog")), List.of(A)).id())
			.isNotEqualTo(key(Map.of("labels", List.of("dog", "cat")), List.of(A)).id());
	}

	@Test
	void everyPartOfTheKeyTellsKeysApart() {
		CacheKey base = new CacheKey("t1", "caption", "m1", Map.of("prompt", "x"), List.of(A));

		assertThat(Arrays.asList(new CacheKey("t2", "caption", "m1", Map.of("prompt", "x"), List.of(A)),
				new CacheKey("t1", "classify", "m1", Map.of("prompt", "x"), List.of(A)),
				new CacheKey("t1", "caption", "m2", Map.of("prompt", "x"), List.of(A)),
				new CacheKey("t1", "caption", "m1", Map.of("prompt", "y"), List.of(A)),
				new CacheKey("t1", "caption", "m1", Map.of("prompt", "x"), List.of(B)),
				new CacheKey("t1", "caption", "m1", Map.of("prompt", "x"), List.of(A, A))))
			.extracting(CacheKey::id)
			.doesNotContain(base.id())
			.doesNotHaveDuplicates();
	}

	@Test
	void nullIsNotEmptyAndAbsentIsNeither() {
		Map<String, Object> nullPrompt = new HashMap<>();
		nullPrompt.put("prompt", null);

		assertThat(List.of(key(nullPrompt, List.of(A)).id(), key(Map.of("prompt", ""), List.of(A)).id(),
				key(Map.of(), List.of(A)).id()))
			.doesNotHaveDuplicates();
	}

	@Test
	void noTextPassesForASeparatorOrAList() {
		// Without length prefixes these pairs would render alike
		assertThat(key(Map.of("labels", List.of("a,b")), List.of(A)).id())
			.isNotEqualTo(key(Map.of("labels", List.of("a", "b")), List.of(A)).id());
		assertThat(key(Map.of("labels", "[a]"), List.of(A)).id())
			.isNotEqualTo(key(Map.of("labels", List.of("a")), List.of(A)).id());
		assertThat(new CacheKey("t", "caption", "m", Map.of("p", "x"), List.of(A)).id())
			.isNotEqualTo(new CacheKey("t", "caption", "m", Map.of("px", ""), List.of(A)).id());
		assertThat(new CacheKey("ab", "c", "m", Map.of(), List.of(A)).id())
			.isNotEqualTo(new CacheKey("a", "bc", "m", Map.of(), List.of(A)).id());
	}

	@Test
	void numbersBooleansAndEnumsAreTheirText() {
		assertThat(key(Map.of("multiLabel", true), List.of(A)).id())
			.isEqualTo(key(Map.of("multiLabel", "true"), List.of(A)).id());
		assertThat(key(Map.of("format", Thread.State.NEW), List.of(A)).id())
			.isEqualTo(key(Map.of("format", "NEW"), List.of(A)).id());
	}

	@Test
	void refusesAValueWithoutACanonicalText() {
		CacheKey key = key(Map.of("nested", Map.of("a", 1)), List.of(A));

		assertThatIllegalArgumentException().isThrownBy(key::id).withMessageContaining("scalar or a list");
	}

	private static CacheKey key(Map<String, Object> parameters, List<String> images) {
		return new CacheKey("tenant", "caption", "gemini-3.8-flash", parameters, images);
	}

}
