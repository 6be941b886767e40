package com.example.visiongateway.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A multipart/form-data body written byte by byte, so tests can also write it wrong. */
public final class RawMultipart {

	private final String boundary;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	public RawMultipart(String boundary) {
		this.boundary = boundary;
	}

	/**
	 * The content type naming the boundary, quoted: RFC 2046 boundaries may hold
	 * characters a token may not.
	 */
	public String contentType() {
		return "multipart/form-data; boundary=\"" + this.boundary + "\"";
	}

	public RawMultipart file(String name, String filename, String contentType, byte[] bytes) {
		return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
				+ "Content-Type: " + contentType, bytes);
	}

	public RawMultipart field(String name, String value) {
		return part("Content-Disposition: form-data; name=\"" + name + "\"", value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A part with the given header lines (CRLF-separated, without the blank line that
	 * ends them).
	 */
	public RawMultipart part(String headers, byte[] bytes) {
		write("--" + this.boundary + "\r\n" + headers + "\r\n\r\n");
		this.out.writeBytes(bytes);
		write("\r\n");
		return this;
	}

	/** The body with its closing delimiter. */
	public byte[] build() {
		ByteArrayOutputStream copy = new ByteArrayOutputStream();
		copy.writeBytes(this.out.toByteArray());
		copy.writeBytes(("--" + this.boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return copy.toByteArray();
	}

	private void write(String text) {
		this.out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
