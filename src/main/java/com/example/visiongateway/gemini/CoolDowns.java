package com.example.visiongateway.gemini;

import java.time.Duration;

/**
 * The pauses Gemini asked for: after a 429 with a {@code retryDelay} no call goes to that
 * model until the delay ends. In memory they hold for one process; in Redis for every
 * replica.
 */
public interface CoolDowns {

	/** No call to {@code model} for {@code delay} from now (a longer pause stays). */
	void start(String model, Duration delay);

	/** What is left of {@code model}'s pause; zero when none. */
	Duration remaining(String model);

	/** Forgets every pause (an operator's reset; tests start each case without one). */
	void clear();

}
