package com.example.visiongateway.transfer;

import java.time.Duration;

import com.example.visiongateway.support.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryFileRegistryTests {

	private static final String SHA = "cd".repeat(32);

	private final MovableClock clock = MovableClock.stopped();

	private final MemoryFileRegistry registry = new MemoryFileRegistry(100, Duration.ofHours(2), this.clock);

	@Test
	void findsAFileByIdAndByItsOwnersBytesOnly() {
		this.registry.remember(file("f1", "alice", Duration.ofHours(48)));

		assertThat(this.registry.findById("f1")).map(RegisteredFile::owner).contains("alice");
		assertThat(this.registry.findBySha256("alice", SHA)).map(RegisteredFile::id).contains("f1");
		assertThat(this.registry.findBySha256("bob", SHA)).as("the same bytes of another tenant").isEmpty();
	}

	@Test
	void keepsOneEntryPerTenantForTheSameBytes() {
		this.registry.remember(file("f1", "alice", Duration.ofHours(48)));
		this.registry.remember(file("f2", "bob", Duration.ofHours(48)));

		assertThat(this.registry.findBySha256("alice", SHA)).map(RegisteredFile::id).contains("f1");
		assertThat(this.registry.findBySha256("bob", SHA)).map(RegisteredFile::id).contains("f2");
	}

	@Test
	void stopsReturningAFileAtItsExpiryLessTheMargin() {
		this.registry.remember(file("f1", "alice", Duration.ofHours(48)));

		this.clock.advance(Duration.ofHours(46).minusSeconds(1));
		assertThat(this.registry.findById("f1")).isPresent();
		this.clock.advance(Duration.ofSeconds(1));

		assertThat(this.registry.findById("f1")).isEmpty();
		assertThat(this.registry.findBySha256("alice", SHA)).isEmpty();
		assertThat(this.registry.size()).isZero();
	}

	@Test
	void ignoresFilesWithoutOwnerOrAlreadyPastTheMargin() {
		this.registry.remember(file("f1", null, Duration.ofHours(48)));
		this.registry.remember(file("f2", "alice", Duration.ofHours(1)));

		assertThat(this.registry.findById("f1")).isEmpty();
		assertThat(this.registry.findById("f2")).isEmpty();
	}

	@Test
	void anExpiredEntryFoundThroughTheIndexIsNotFound() {
		this.registry.remember(file("f1", "alice", Duration.ofHours(48)));

		this.clock.advance(Duration.ofHours(46));

		assertThat(this.registry.findBySha256("alice", SHA)).isEmpty();
		assertThat(this.registry.findBySha256("alice", SHA)).isEmpty();
		assertThat(this.registry.size()).isZero();
	}

	@Test
	void ignoresFilesWithoutContentHashOrExpiry() {
		this.registry.remember(new RegisteredFile("f1", "u", "image/png", 10, null, null, "n", "ACTIVE",
				this.clock.instant().plus(Duration.ofHours(48)), "alice"));
		this.registry.remember(new RegisteredFile("f2", "u", "image/png", 10, SHA, null, "n", "ACTIVE", null, "alice"));

		assertThat(this.registry.findById("f1")).isEmpty();
		assertThat(this.registry.findById("f2")).isEmpty();
	}

	@Test
	void rememberingTheSameIdAgainKeepsItFoundByItsBytes() {
		this.registry.remember(file("f1", "alice", Duration.ofHours(48)));
		this.registry.remember(file("f1", "alice", Duration.ofHours(47)));

		assertThat(this.registry.findBySha256("alice", SHA)).map(RegisteredFile::id).contains("f1");
		assertThat(this.registry.size()).isEqualTo(1);
	}

	@Test
	void forgetsADeletedFileForReuseToo() {
		this.registry.remember(file("f1", "alice", Duration.ofHours(48)));

		this.registry.forget("f1");

		assertThat(this.registry.findById("f1")).isEmpty();
		assertThat(this.registry.findBySha256("alice", SHA)).isEmpty();
	}

	@Test
	void holdsAtMostItsBound() {
		MemoryFileRegistry small = new MemoryFileRegistry(3, Duration.ofHours(2), this.clock);
		for (int i = 0; i < 20; i++) {
			small.remember(file("f" + i, "alice" + i, Duration.ofHours(48)));
		}

		assertThat(small.size()).isLessThanOrEqualTo(3);
	}

	private RegisteredFile file(String id, String owner, Duration lifetime) {
		return new RegisteredFile(id, "https://files/" + id, "image/png", 10, SHA, null, "name", "ACTIVE",
				this.clock.instant().plus(lifetime), owner);
	}

}
