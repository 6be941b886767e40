package com.example.visiongateway.stub;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.http.Request;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The Files API: resumable upload, get, list and delete. */
final class FilesApi {

	static final int DEFAULT_PAGE_SIZE = 10;

	static final int MAX_PAGE_SIZE = 100;

	private static final String STATUS = "X-Goog-Upload-Status";

	private final FileStore store;

	FilesApi(FileStore store) {
		this.store = store;
	}

	/**
	 * {@code POST /upload/{ver}/files}: opens a session, or carries a chunk when
	 * {@code upload_id} is given.
	 */
	StubResponse upload(Request request, String version, String uploadId) {
		return (uploadId != null) ? chunk(request, uploadId) : start(request, version);
	}

	private StubResponse start(Request request, String version) {
		if (!"resumable".equalsIgnoreCase(request.getHeader("X-Goog-Upload-Protocol"))
				|| !"start".equalsIgnoreCase(request.getHeader("X-Goog-Upload-Command"))) {
			throw GoogleError.invalidArgument("Only resumable uploads are supported: send"
					+ " X-Goog-Upload-Protocol: resumable and X-Goog-Upload-Command: start.");
		}
		JsonNode file = Wire.field(parseStartBody(request.getBody()), "file");
		long length = declaredLength(request.getHeader("X-Goog-Upload-Header-Content-Length"),
				Wire.field(file, "sizeBytes"));
		String mimeType = firstPresent(request.getHeader("X-Goog-Upload-Header-Content-Type"),
				Wire.text(file, "mimeType"));
		if (mimeType == null || mimeType.isBlank()) {
			throw GoogleError.invalidArgument("The file's MIME type is missing (X-Goog-Upload-Header-Content-Type).");
		}
		String requestedId = requestedId(Wire.text(file, "name"));
		UploadSession session = this.store.openSession(version, Wire.text(file, "displayName"), mimeType, length,
				requestedId);
		String url = StoredFile.GOOGLE_BASE + "/upload/" + version + "/files?upload_id=" + session.id()
				+ "&upload_protocol=resumable";
		// Google's own host on purpose: clients must rewrite the session URL onto their
		// base URL.
		return StubResponse.empty()
			.withHeader("X-Goog-Upload-URL", url)
			.withHeader(STATUS, "active")
			.withHeader("X-Goog-Upload-Chunk-Granularity", "8388608");
	}

	private StubResponse chunk(Request request, String uploadId) {
		UploadSession session = this.store.session(uploadId);
		try {
			return chunk(request, session);
		}
		catch (GoogleError error) {
			return StubResponse.error(error).withHeader(STATUS, (session.finalFileId() != null) ? "final" : "active");
		}
	}

	private StubResponse chunk(Request request, UploadSession session) {
		Set<String> command = Arrays.stream(String.valueOf(request.getHeader("X-Goog-Upload-Command")).split(","))
			.map((word) -> word.trim().toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		if (command.equals(Set.of("query"))) {
			return StubResponse.empty()
				.withHeader(STATUS, (session.finalFileId() != null) ? "final" : "active")
				.withHeader("X-Goog-Upload-Size-Received", Long.toString(session.received()));
		}
		if (!Set.of("upload").equals(command) && !Set.of("upload", "finalize").equals(command)
				&& !Set.of("finalize").equals(command)) {
			throw GoogleError.invalidArgument("Unsupported X-Goog-Upload-Command: " + command);
		}
		if (command.contains("upload")) {
			session.append(offset(request.getHeader("X-Goog-Upload-Offset")), request.getBody());
		}
		if (!command.contains("finalize")) {
			return StubResponse.empty()
				.withHeader(STATUS, "active")
				.withHeader("X-Goog-Upload-Size-Received", Long.toString(session.received()));
		}
		StoredFile file = this.store.finish(session);
		ObjectNode body = JsonMapper.shared().createObjectNode();
		body.set("file", file.toJson());
		return StubResponse.json(body).withHeader(STATUS, "final");
	}

	/**
	 * {@code GET /{ver}/files/{id}}: the bare resource, one poll further in its
	 * processing.
	 */
	StubResponse get(String id) {
		return StubResponse.json(this.store.poll(id).toJson());
	}

	/** {@code GET /{ver}/files?pageSize=&pageToken=}. */
	StubResponse list(String pageSizeParameter, String pageToken) {
		int pageSize = pageSize(pageSizeParameter);
		int offset = pageOffset(pageToken);
		List<StoredFile> all = this.store.list();
		ObjectNode body = JsonMapper.shared().createObjectNode();
		ArrayNode files = body.putArray("files");
		all.stream().skip(offset).limit(pageSize).forEach((file) -> files.add(file.toJson()));
		if (offset + pageSize < all.size()) {
			body.put("nextPageToken", encodePageToken(offset + pageSize));
		}
		if (files.isEmpty()) {
			body.remove("files");
		}
		return StubResponse.json(body);
	}

	StubResponse delete(String id) {
		this.store.delete(id);
		return StubResponse.json("{}");
	}

	private static JsonNode parseStartBody(byte[] body) {
		if (body == null || body.length == 0) {
			return JsonMapper.shared().createObjectNode();
		}
		try {
			return JsonMapper.shared().readTree(body);
		}
		catch (JacksonException ex) {
			throw GoogleError.invalidArgument("Invalid JSON payload received.");
		}
	}

	/**
	 * The upload's size: from the header, or the start body's {@code sizeBytes} (string
	 * or number).
	 */
	private static long declaredLength(String header, JsonNode sizeBytes) {
		Long fromHeader = (header != null) ? length(header) : null;
		Long fromBody = sizeBytes.isMissingNode() ? null : length(sizeBytes.asString());
		if (fromHeader == null && fromBody == null) {
			throw GoogleError.invalidArgument("The upload size is missing (X-Goog-Upload-Header-Content-Length).");
		}
		if (fromHeader != null && fromBody != null && !fromHeader.equals(fromBody)) {
			throw GoogleError.invalidArgument("file.sizeBytes (" + fromBody
					+ ") disagrees with X-Goog-Upload-Header-Content-Length (" + fromHeader + ").");
		}
		return (fromHeader != null) ? fromHeader : fromBody;
	}

	private static long length(String value) {
		try {
			long length = Long.parseLong(value.trim());
			if (length >= 0) {
				return length;
			}
		}
		catch (NumberFormatException ex) {
			// answered below, like a negative size
		}
		throw GoogleError.invalidArgument("The upload size must be a number of bytes, was: " + value);
	}

	private static long offset(String header) {
		try {
			return Long.parseLong(String.valueOf(header).trim());
		}
		catch (NumberFormatException ex) {
			throw GoogleError.invalidArgument("X-Goog-Upload-Offset must be a byte offset, was: " + header);
		}
	}

	/**
	 * A file name the client asked for ({@code files/abc} or {@code abc}), or
	 * {@code null}.
	 */
	private static String requestedId(String name) {
		if (name == null || name.isEmpty()) {
			return null;
		}
		String id = name.startsWith("files/") ? name.substring("files/".length()) : name;
		if (!FileStore.FILE_ID.matcher(id).matches()) {
			throw GoogleError
				.invalidArgument("Invalid file name " + name + ": use up to 40 characters of a-z, 0-9 and '-'.");
		}
		return id;
	}

	private static int pageSize(String parameter) {
		if (parameter == null || parameter.isBlank()) {
			return DEFAULT_PAGE_SIZE;
		}
		try {
			int size = Integer.parseInt(parameter.trim());
			return (size <= 0) ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
		}
		catch (NumberFormatException ex) {
			throw GoogleError.invalidArgument("Invalid value for pageSize: " + parameter);
		}
	}

	private static String encodePageToken(int offset) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("offset:" + offset).getBytes(StandardCharsets.US_ASCII));
	}

	private static int pageOffset(String token) {
		if (token == null || token.isEmpty()) {
			return 0;
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
			if (!decoded.startsWith("offset:")) {
				throw new IllegalArgumentException(decoded);
			}
			return Integer.parseInt(decoded.substring("offset:".length()));
		}
		catch (IllegalArgumentException ex) {
			throw GoogleError.invalidArgument("Invalid page token.");
		}
	}

	private static String firstPresent(String first, String second) {
		return (first != null) ? first : second;
	}

}
