package com.example.visiongateway.task;

import java.util.List;

import com.example.visiongateway.io.ByteSource;

/**
 * The images and shared options of one vision request, as the caller sent them.
 *
 * @param uploads the {@code images} parts, in order
 * @param fileIds the {@code fileIds} entries, in order
 * @param model the requested model, or null for the default
 * @param systemInstruction extra system instruction, or null
 */
public record VisionInputs(List<Upload> uploads, List<String> fileIds, String model, String systemInstruction) {

	public VisionInputs {
		uploads = (uploads != null) ? List.copyOf(uploads) : List.of();
		fileIds = (fileIds != null) ? List.copyOf(fileIds) : List.of();
	}

	public int imageCount() {
		return this.uploads.size() + this.fileIds.size();
	}

	/** One uploaded image part: the caller's file name and declared type, and the bytes. */
	public record Upload(String filename, String declaredType, ByteSource bytes) {
	}

}
