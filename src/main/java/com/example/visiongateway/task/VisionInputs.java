package com.example.visiongateway.task;

import java.util.List;
import java.util.Objects;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.gemini.MediaResolution;
import com.example.visiongateway.io.ByteSource;

/**
 * The images and shared options of one vision request, as the caller sent them.
 *
 * @param uploads the {@code images} parts, in order
 * @param fileIds the {@code fileIds} entries, in order
 * @param imageUrls the {@code imageUrls} entries, in order
 * @param model the requested model, or null for the default
 * @param systemInstruction extra system instruction, or null
 * @param maxDimension downscale decodable images to this longer side before sending, or
 * null
 * @param tenant who sent the request: files are uploaded and looked up as this tenant's
 * @param mediaResolution the media resolution to ask the model for, or null for the
 * model's own
 * @param fresh the caller asked for an answer not taken from the result cache
 * ({@code Cache-Control: no-cache}); the answer is still stored
 */
public record VisionInputs(List<Upload> uploads, List<String> fileIds, List<String> imageUrls, String model,
		String systemInstruction, Integer maxDimension, Tenant tenant, MediaResolution mediaResolution, boolean fresh) {

	public VisionInputs {
		Objects.requireNonNull(tenant, "tenant");
		uploads = (uploads != null) ? List.copyOf(uploads) : List.of();
		fileIds = (fileIds != null) ? List.copyOf(fileIds) : List.of();
		imageUrls = (imageUrls != null) ? List.copyOf(imageUrls) : List.of();
	}

	public int imageCount() {
		return this.uploads.size() + this.fileIds.size() + this.imageUrls.size();
	}

	/**
	 * One image's bytes as the caller sent them (a part) or had them fetched (a URL).
	 *
	 * @param filename the part's file name, or null
	 * @param declaredType the part's Content-Type, checked against the bytes; null to
	 * decide from the bytes alone
	 * @param bytes the bytes
	 * @param url the URL it was fetched from (without query), or null
	 */
	public record Upload(String filename, String declaredType, ByteSource bytes, String url) {

		public Upload(String filename, String declaredType, ByteSource bytes) {
			this(filename, declaredType, bytes, null);
		}

	}

}
