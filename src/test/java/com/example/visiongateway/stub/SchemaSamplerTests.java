package com.example.visiongateway.stub;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaSamplerTests {

	private static JsonNode sample(String schema) {
		return SchemaSampler.sample(JsonMapper.shared().readTree(schema));
	}

	@Test
	void picksTheFirstEnumValueWhateverItsType() {
		assertThat(sample("{\"type\":\"INTEGER\",\"enum\":[7,8]}").asInt()).isEqualTo(7);
		assertThat(sample("{\"type\":\"string\",\"enum\":[\"b\",\"a\"]}").asString()).isEqualTo("b");
	}

	@Test
	void honoursConstAndTheNonNullMemberOfATypeUnion() {
		assertThat(sample("{\"const\":\"fixed\"}").asString()).isEqualTo("fixed");
		assertThat(sample("{\"type\":[\"null\",\"boolean\"]}").isBoolean()).isTrue();
	}

	@Test
	void respectsMinimumsAndMinItems() {
		assertThat(sample("{\"type\":\"integer\",\"minimum\":3}").asInt()).isEqualTo(3);
		assertThat(sample("{\"type\":\"number\",\"exclusiveMinimum\":0}").asDouble()).isPositive();
		assertThat(sample("{\"type\":\"ARRAY\",\"minItems\":\"2\",\"items\":{\"type\":\"STRING\"}}")).hasSize(2);
	}

	@Test
	void infersObjectsAndArraysWithoutAType() {
		JsonNode value = sample("{\"properties\":{\"list\":{\"items\":{\"type\":\"number\"}}}}");
		assertThat(value.path("list").path(0).isNumber()).isTrue();
	}

	@Test
	void takesTheFirstAlternativeOfAnyOf() {
		assertThat(sample("{\"anyOf\":[{\"type\":\"boolean\"},{\"type\":\"string\"}]}").isBoolean()).isTrue();
	}

	@Test
	void marksStringsAsStubAndKeepsFormattedOnesValid() {
		assertThat(sample("{\"type\":\"STRING\"}").asString()).startsWith("[stub]");
		assertThat(sample("{\"type\":\"string\",\"format\":\"date-time\"}").asString())
			.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
	}

	@Test
	void stopsRecursiveReferencesWithNull() {
		JsonNode value = sample("""
				{"$ref":"#/$defs/Node","$defs":{"Node":{"type":"object","properties":{"next":{"$ref":"#/$defs/Node"}}}}}
				""");
		JsonNode deepest = value;
		while (deepest.path("next").isObject()) {
			deepest = deepest.path("next");
		}
		assertThat(deepest.path("next").isNull()).isTrue();
	}

}
