package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.io.ByteSource;
import com.example.visiongateway.transfer.RegisteredFile;

/**
 * One image of a request, checked and ready to be sent.
 *
 * @param index position in the request ({@code images}, then {@code fileIds}, then
 * {@code imageUrls})
 * @param filename the caller's file name (never used as a path)
 * @param origin where it came from, and the bytes the gateway holds for it
 * @param info header facts of the image as the caller has it; null for a stored file the
 * gateway did not upload
 * @param mimeType the type decided from the bytes
 * @param sizeBytes its size
 * @param sha256 hex digest, when known
 * @param warnings what the gateway did to it on the way (downscaling left out, say)
 */
public record InputImage(int index, String filename, Origin origin, ImageInfo info, String mimeType, long sizeBytes,
		String sha256, List<String> warnings) {

	public InputImage {
		warnings = List.copyOf(warnings);
	}

	/** The bytes the gateway holds for it; empty for a stored file. */
	public Optional<Held> held() {
		return (this.origin instanceof Held held) ? Optional.of(held) : Optional.empty();
	}

	/** What is sent: the downscaled copy's facts when there is one. */
	ImageInfo sentInfo() {
		return held().map((held) -> held.payload().info()).orElse(this.info);
	}

	/** The same image sending other bytes, with a note. */
	InputImage sending(Payload other, List<String> notes) {
		List<String> all = new ArrayList<>(this.warnings);
		all.addAll(notes);
		Held held = held().orElseThrow();
		return new InputImage(this.index, this.filename, held.sending(other), this.info, this.mimeType, this.sizeBytes,
				this.sha256, all);
	}

	/**
	 * Where an image came from: an upload, a URL the gateway fetched, or a stored file.
	 */
	public sealed interface Origin {

	}

	/** An origin whose bytes the gateway holds while the request lasts. */
	public sealed interface Held extends Origin {

		/** The caller's own bytes, kept when a downscaled copy is sent. */
		ByteSource source();

		/** What goes to Gemini: the image, or its downscaled copy. */
		Payload payload();

		Held sending(Payload other);

	}

	/** A part of the request. */
	public record Uploaded(ByteSource source, Payload payload) implements Held {

		@Override
		public Uploaded sending(Payload other) {
			return new Uploaded(this.source, other);
		}

	}

	/** An {@code imageUrls} entry; {@code url} without its query. */
	public record Fetched(String url, ByteSource source, Payload payload) implements Held {

		@Override
		public Fetched sending(Payload other) {
			return new Fetched(this.url, this.source, other);
		}

	}

	/** A {@code fileIds} entry: already in the Files API, its bytes not kept here. */
	public record Stored(String fileId, RegisteredFile file) implements Origin {

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
