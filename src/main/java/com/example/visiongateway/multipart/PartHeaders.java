package com.example.visiongateway.multipart;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a part's header block says: its name, its filename (present, possibly empty, for a
 * file part; null for a text part) and its declared Content-Type. Only {@code form-data}
 * dispositions with a name are accepted (RFC 7578).
 *
 * @param name the part name
 * @param filename the file name, or null for a text part
 * @param contentType the declared type, or null
 */
record PartHeaders(String name, String filename, String contentType) {

	boolean isFile() {
		return this.filename != null;
	}

	/** The charset a text part declares, UTF-8 when it declares none. */
	Charset charset() {
		if (this.contentType == null) {
			return StandardCharsets.UTF_8;
		}
		String declared = parameters(this.contentType, this.contentType.indexOf(';')).get("charset");
		if (declared == null) {
			return StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(declared);
		}
		catch (IllegalArgumentException ex) {
			throw MultipartProblems
				.malformed("part '" + MultipartProblems.echoed(this.name) + "' declares an unknown charset");
		}
	}

	/**
	 * Parses a header block: lines separated by CRLF, without the blank line that ends
	 * it.
	 */
	static PartHeaders parse(String block) {
		String disposition = null;
		String contentType = null;
		for (String line : block.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon <= 0) {
				throw MultipartProblems.malformed("a part header line has no name");
			}
			String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).strip();
			if (header.equals("content-disposition")) {
				disposition = value;
			}
			else if (header.equals("content-type")) {
				contentType = value.isEmpty() ? null : value;
			}
		}
		if (disposition == null) {
			throw MultipartProblems.malformed("a part has no Content-Disposition header");
		}
		int semicolon = disposition.indexOf(';');
		String type = ((semicolon < 0) ? disposition : disposition.substring(0, semicolon)).strip();
		if (!type.equalsIgnoreCase("form-data")) {
			throw MultipartProblems.malformed("a part's Content-Disposition is not form-data");
		}
		Map<String, String> parameters = parameters(disposition, semicolon);
		String name = parameters.get("name");
		if (name == null || name.isEmpty()) {
			throw MultipartProblems.malformed("a part has no name");
		}
		String filename = extendedValue(parameters.get("filename*"));
		if (filename == null) {
			filename = parameters.get("filename");
		}
		if (filename != null && filename.indexOf('\0') >= 0) {
			throw MultipartProblems.malformed("a filename contains a NUL character");
		}
		return new PartHeaders(name, filename, contentType);
	}

	/**
	 * {@code ; key=value} pairs after {@code start}. As the container's parser did, a
	 * value runs to the next semicolon outside quotes and loses its outer quotes only:
	 * {@code filename="a"b".png"} is {@code a"b".png}, and backslashes stay (Windows
	 * paths), though {@code \"} never ends a quoted run.
	 */
	private static Map<String, String> parameters(String header, int start) {
		Map<String, String> parameters = new LinkedHashMap<>();
		int i = start;
		int length = header.length();
		// i is -1 or the index of a ';', so always inside the header.
		while (i >= 0) {
			i = skipSpace(header, i + 1);
			int equals = header.indexOf('=', i);
			int nextSemicolon = header.indexOf(';', i);
			if (equals < 0 || (nextSemicolon >= 0 && nextSemicolon < equals)) {
				if (header.substring(i, (nextSemicolon < 0) ? length : nextSemicolon).isBlank()) {
					i = nextSemicolon;
					continue;
				}
				throw MultipartProblems.malformed("a header parameter has no value");
			}
			String key = header.substring(i, equals).strip().toLowerCase(Locale.ROOT);
			int end = endOfValue(header, equals + 1);
			String value = header.substring(equals + 1, end).strip();
			if (value.startsWith("\"")) {
				if (value.length() < 2 || !value.endsWith("\"")) {
					throw MultipartProblems.malformed("a quoted header parameter is not closed");
				}
				value = value.substring(1, value.length() - 1);
			}
			i = (end < length) ? end : -1;
			parameters.putIfAbsent(key, value);
		}
		return parameters;
	}

	/**
	 * RFC 8187 {@code charset'language'percent-encoded}, as browsers and curl send
	 * non-ASCII names.
	 */
	private static String extendedValue(String value) {
		if (value == null) {
			return null;
		}
		int first = value.indexOf('\'');
		int second = (first < 0) ? -1 : value.indexOf('\'', first + 1);
		if (second < 0) {
			throw MultipartProblems.malformed("filename* is not charset'language'value");
		}
		try {
			Charset charset = Charset.forName(value.substring(0, first));
			return URLDecoder.decode(value.substring(second + 1).replace("+", "%2B"), charset);
		}
		catch (IllegalArgumentException ex) {
			throw MultipartProblems.malformed("filename* cannot be decoded");
		}
	}

	private static int endOfValue(String header, int from) {
		boolean quoted = false;
		for (int i = from; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c == '\\' && quoted) {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (c == ';' && !quoted) {
				return i;
			}
		}
		return header.length();
	}

	private static int skipSpace(String text, int from) {
		int i = from;
		while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
			i++;
		}
		return i;
	}

}
