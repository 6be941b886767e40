package com.example.visiongateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whose request this is: with authentication on, the name of the caller's key; without
 * it, the one {@link #SOLE} tenant. Files, dedup and (later) cached answers belong to a
 * tenant.
 *
 * @param name the key name (never the key)
 * @param id an opaque, stable id derived from the name, safe to store outside the process
 * (Gemini display names, a shared store): 32 hex digits of a SHA-256
 */
public record Tenant(String name, String id) {

	/** The request attribute {@link ApiKeyFilter} sets once a key is accepted. */
	public static final String ATTRIBUTE = Tenant.class.getName();

	/**
	 * The only tenant when authentication is off; {@code *} is not a valid key name, so
	 * no key can be it.
	 */
	public static final Tenant SOLE = named("*");

	public static Tenant named(String name) {
		return new Tenant(name, idOf(name));
	}

	/**
	 * The caller of a request; {@link #SOLE} when no key was checked (authentication
	 * off).
	 */
	public static Tenant of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof Tenant tenant) ? tenant : SOLE;
	}

	/**
	 * Whether something stored with this owner id is this tenant's. Without
	 * authentication everything is the sole tenant's, also files stored earlier under a
	 * key or by another client of the same Gemini project.
	 */
	public boolean owns(String ownerId) {
		return equals(SOLE) || this.id.equals(ownerId);
	}

	private static String idOf(String name) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("vision-gateway tenant:" + name).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
