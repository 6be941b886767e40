package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.List;

import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.io.ByteSource;
import com.example.visiongateway.transfer.RegisteredFile;

/**
 * One image of a request, checked and ready to be sent.
 *
 * @param index position in the request ({@code images}, then {@code fileIds}, then
 * {@code imageUrls})
 * @param filename the caller's file name (never used as a path)
 * @param fileId the {@code fileIds} entry it came from, or null
 * @param url the {@code imageUrls} entry it came from (without query), or null
 * @param info header facts of the image as the caller has it; null for a stored file the
 * gateway did not upload
 * @param mimeType the type decided from the bytes
 * @param sizeBytes its size
 * @param sha256 hex digest, when known
 * @param payload the bytes to send (the image, or its downscaled copy); null for a stored
 * file
 * @param file the stored file it already is, or null
 * @param warnings what the gateway did to it on the way (downscaling left out, say)
 * @param source the caller's own bytes (uploaded or fetched) while the request lasts,
 * kept when a downscaled copy is sent; null for a stored file, whose bytes the gateway
 * does not keep
 */
public record InputImage(int index, String filename, String fileId, String url, ImageInfo info, String mimeType,
		long sizeBytes, String sha256, Payload payload, RegisteredFile file, List<String> warnings, ByteSource source) {

	public InputImage {
		warnings = List.copyOf(warnings);
	}

	/** The same image sending other bytes, with a note. */
	InputImage sending(Payload other, List<String> notes) {
		List<String> all = new ArrayList<>(this.warnings);
		all.addAll(notes);
		return new InputImage(this.index, this.filename, this.fileId, this.url, this.info, this.mimeType,
				this.sizeBytes, this.sha256, other, this.file, all, this.source);
	}

	/**
	 * The bytes that go to Gemini and their facts; identical bytes share a digest, which
	 * keys Files API reuse.
	 *
	 * @param bytes what is sent
	 * @param info header facts of what is sent
	 * @param sha256 hex digest of what is sent
	 */
	public record Payload(ByteSource bytes, ImageInfo info, String sha256) {
	}

}
