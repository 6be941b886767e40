package com.example.visiongateway.error;

/**
 * Caller- or model-supplied text echoed in a problem is cut short: it must not make
 * answers (or logs) unbounded.
 */
public final class Texts {

	private Texts() {
	}

	/**
	 * The text itself when it has at most {@code max} characters, else its first
	 * {@code max} and "…".
	 */
	public static String abbreviate(String text, int max) {
		String value = String.valueOf(text);
		return (value.length() > max) ? value.substring(0, max) + "…" : value;
	}

}
