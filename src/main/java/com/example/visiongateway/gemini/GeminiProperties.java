package com.example.visiongateway.gemini;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Gemini. Invalid combinations stop start-up with a message naming the key
 * to fix; the API key never appears in {@link #toString()}.
 *
 * @param baseUrl scheme, host and port of the API (the project's stub in tests and
 * key-less runs)
 * @param apiVersion path segment of the API version: v1, v1beta or v1alpha
 * @param apiKey the Gemini API key; may be blank only when {@code stub} is true
 * @param stub true only for the key-less run against the project's Gemini stub
 * @param defaultModel the model used when a request names none; must be a key of
 * {@code models}
 * @param models the allow-list of models and their settings; when empty,
 * {@code gemini-3.8-flash} with the settings the shipped configuration gives it
 * @param connectTimeout TCP connect timeout
 * @param responseTimeout longest silence allowed while waiting for or reading an answer
 * @param fileActiveTimeout how long to wait for an uploaded file to become ACTIVE
 * @param filePollInterval pause between two file state checks
 * @param uploadChunkSize bytes per resumable upload request
 * @param maxResponseSize largest answer body read into memory
 */
@ConfigurationProperties("vision.gemini")
@Validated
public record GeminiProperties(@DefaultValue("https://generativelanguage.googleapis.com") URI baseUrl,
		@DefaultValue("v1beta") String apiVersion, @DefaultValue("") String apiKey, @DefaultValue("false") boolean stub,
		@DefaultValue(DEFAULT_MODEL) String defaultModel, Map<String, @Valid ModelSettings> models,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("120s") Duration responseTimeout,
		@DefaultValue("60s") Duration fileActiveTimeout, @DefaultValue("500ms") Duration filePollInterval,
		@DefaultValue("8MB") DataSize uploadChunkSize, @DefaultValue("16MB") DataSize maxResponseSize) {

	static final String DEFAULT_MODEL = "gemini-3.8-flash";

	private static final Set<String> API_VERSIONS = Set.of("v1", "v1beta", "v1alpha");

	public GeminiProperties {
		requireHttpUrl(baseUrl);
		if (apiVersion == null || !API_VERSIONS.contains(apiVersion)) {
			throw new IllegalArgumentException(
					"vision.gemini.api-version must be one of v1, v1beta, v1alpha but was '" + apiVersion + "'");
		}
		apiKey = (apiKey != null) ? apiKey.strip() : "";
		if (apiKey.isEmpty() && !stub) {
			throw new IllegalArgumentException("No Gemini API key: set the GEMINI_API_KEY environment variable "
					+ "(vision.gemini.api-key), or vision.gemini.stub=true to run against the project's Gemini stub");
		}
		models = (models == null || models.isEmpty()) ? Map.of(DEFAULT_MODEL, defaultModelSettings())
				: Collections.unmodifiableMap(new LinkedHashMap<>(models));
		if (defaultModel == null || !models.containsKey(defaultModel)) {
			throw new IllegalArgumentException("vision.gemini.default-model '" + defaultModel
					+ "' is not among the allowed models (vision.gemini.models): " + models.keySet());
		}
		requirePositive(connectTimeout, "connect-timeout");
		requirePositive(responseTimeout, "response-timeout");
		requirePositive(fileActiveTimeout, "file-active-timeout");
		requirePositive(filePollInterval, "file-poll-interval");
		requirePositive(uploadChunkSize, "upload-chunk-size");
		requirePositive(maxResponseSize, "max-response-size");
		if (maxResponseSize.toBytes() > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("vision.gemini.max-response-size must be below 2GB");
		}
	}

	/** The API key, or the stub's placeholder when running key-less against the stub. */
	String effectiveApiKey() {
		return (this.apiKey.isEmpty() && this.stub) ? "stub-key" : this.apiKey;
	}

	/**
	 * Settings of an allowed model, or {@code null} when the model is not on the
	 * allow-list.
	 */
	public ModelSettings model(String name) {
		return this.models.get(name);
	}

	@Override
	public String toString() {
		return "GeminiProperties[baseUrl=" + this.baseUrl + ", apiVersion=" + this.apiVersion + ", apiKey="
				+ (this.apiKey.isEmpty() ? "<blank>" : "<redacted>") + ", stub=" + this.stub + ", defaultModel="
				+ this.defaultModel + ", models=" + this.models + ", connectTimeout=" + this.connectTimeout
				+ ", responseTimeout=" + this.responseTimeout + ", fileActiveTimeout=" + this.fileActiveTimeout
				+ ", filePollInterval=" + this.filePollInterval + ", uploadChunkSize=" + this.uploadChunkSize
				+ ", maxResponseSize=" + this.maxResponseSize + "]";
	}

	private static ModelSettings defaultModelSettings() {
		// As application.yaml: Google's default level, and the lowest 3.8 Flash takes for
		// boxes and masks (it refuses minimal)
		return new ModelSettings(3600, true, true, TokenScheme.MEDIA_RESOLUTION, MediaResolution.HIGH, MaskForm.POLYGON,
				MaskFrame.IMAGE, Map.of(ModelSettings.DEFAULT_TASK, ThinkingLevel.MEDIUM, "detect", ThinkingLevel.LOW,
						"segment", ThinkingLevel.LOW),
				Map.of(), Map.of(), 0, 0);
	}

	private static void requireHttpUrl(URI url) {
		if (url == null || url.getHost() == null
				|| !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
			throw new IllegalArgumentException(
					"vision.gemini.base-url must be an absolute http(s) URL but was '" + url + "'");
		}
	}

	private static void requirePositive(Duration duration, String key) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("vision.gemini." + key + " must be positive but was " + duration);
		}
	}

	private static void requirePositive(DataSize size, String key) {
		if (size == null || size.toBytes() <= 0) {
			throw new IllegalArgumentException("vision.gemini." + key + " must be positive but was " + size);
		}
	}

}
