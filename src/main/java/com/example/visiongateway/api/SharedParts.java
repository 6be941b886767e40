package com.example.visiongateway.api;

import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.Texts;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.MediaResolution;
import com.example.visiongateway.task.VisionInputs;
import com.example.visiongateway.task.VisionInputs.Upload;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.web.multipart.MultipartFile;

/**
 * The parts every vision endpoint shares, read from the multipart body by
 * {@link SharedPartsResolver}.
 *
 * @param images image files (repeat the part)
 * @param fileIds ids from {@code POST /v1/files} (repeat the part)
 * @param imageUrls URLs the gateway fetches itself (repeat the part)
 * @param model a model from the allow-list
 * @param systemInstruction extra instructions for the model
 * @param maxDimension downscale to this longer side before sending
 * @param mediaResolution low, medium or high, for models that take a media resolution
 */
record SharedParts(
		@Schema(description = "Image files (repeat the part). png, jpeg, webp, heic or heif, decided from the bytes.",
				format = "binary") List<MultipartFile> images,
		@Schema(description = "Ids from POST /v1/files, to reuse stored images (repeat the part).") List<String> fileIds,
		@Schema(description = "http(s) URLs of images the gateway fetches itself (repeat the part); loopback, private, "
				+ "link-local and metadata addresses are refused unless allow-listed.") List<String> imageUrls,
		@Schema(description = "A model from the configured allow-list; the configured default when absent.") String model,
		@Schema(description = "Extra instructions passed to the model as its system instruction.") String systemInstruction,
		@Schema(description = "Downscale each decodable image (png, jpeg) so its longer side is at most this many pixels "
				+ "before sending; boxes and masks still refer to the original pixels.", minimum = "16",
				maximum = "100000") Integer maxDimension,
		@Schema(description = "low, medium or high: sent to Gemini as generationConfig.mediaResolution "
				+ "(MEDIA_RESOLUTION_LOW, …) for models that take it (Gemini 3); 400 for models that do not. Token "
				+ "estimates follow it.",
				allowableValues = {
						"low", "medium", "high" }) String mediaResolution){

	/**
	 * The request's inputs: these parts, its tenant and whether it asked for an answer
	 * not taken from the result cache.
	 */
	VisionInputs toInputs(HttpServletRequest request) {
		List<Upload> uploads = (this.images != null) ? this.images.stream()
			.map((file) -> new Upload(file.getOriginalFilename(), file.getContentType(), MultipartBytes.of(file)))
			.toList() : List.of();
		return new VisionInputs(uploads, nonBlank(this.fileIds), nonBlank(this.imageUrls), this.model,
				this.systemInstruction, this.maxDimension, Tenant.of(request), parsedMediaResolution(),
				noCache(request));
	}

	/**
	 * {@code Cache-Control: no-cache} among the directives of any {@code Cache-Control}
	 * header (RFC 9111: comma-separated, case-insensitive).
	 */
	static boolean noCache(HttpServletRequest request) {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.CACHE_CONTROL);
		while (headers != null && headers.hasMoreElements()) {
			for (String directive : headers.nextElement().split(",")) {
				if (directive.strip().equalsIgnoreCase("no-cache")) {
					return true;
				}
			}
		}
		return false;
	}

	private MediaResolution parsedMediaResolution() {
		if (this.mediaResolution == null || this.mediaResolution.isBlank()) {
			return null;
		}
		return switch (this.mediaResolution.strip().toLowerCase(Locale.ROOT)) {
			case "low" -> MediaResolution.LOW;
			case "medium" -> MediaResolution.MEDIUM;
			case "high" -> MediaResolution.HIGH;
			default -> throw new VisionException(ErrorCode.BAD_REQUEST,
					"The part 'mediaResolution' must be low, medium " + "or high; it was '"
							+ Texts.abbreviate(this.mediaResolution, 32) + "'.",
					Map.of("part", "mediaResolution"));
		};
	}

	private static List<String> nonBlank(List<String> values) {
		return (values != null) ? values.stream().filter((value) -> !value.isBlank()).toList() : List.of();
	}

}
