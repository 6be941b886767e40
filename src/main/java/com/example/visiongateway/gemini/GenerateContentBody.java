package com.example.visiongateway.gemini;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.example.visiongateway.gemini.RequestPart.FileImagePart;
import com.example.visiongateway.gemini.RequestPart.InlineImagePart;
import com.example.visiongateway.gemini.RequestPart.TextPart;
import com.example.visiongateway.io.ByteSource;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;

/**
 * The JSON body of a {@code generateContent} call, written as a stream: image bytes are
 * read and base64-encoded block by block while the body is sent, so no image is ever held
 * whole in memory. The exact length is known beforehand from sizes alone, which lets the
 * request carry a Content-Length and lets a planner decide inline versus Files API before
 * reading anything.
 * <p>
 * The body is {@code {"contents":[{"role":"user","parts":[…]}],"systemInstruction":…,
 * "generationConfig":…,"safetySettings":…}} in camelCase. Its length is the sum of
 * {@link #partLength} over the parts, one comma between two parts, and the JSON around
 * them.
 */
public final class GenerateContentBody {

	/**
	 * Raw bytes per base64 block: a multiple of 3, so 48 KiB in gives exactly 64 KiB out.
	 */
	static final int RAW_BLOCK = 48 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Segment> segments;

	private final long length;

	private GenerateContentBody(List<Segment> segments) {
		this.segments = segments;
		this.length = segments.stream().mapToLong(Segment::length).sum();
	}

	/** Lays out the body of a request; reads no image bytes. */
	public static GenerateContentBody of(GenerateContentRequest request) {
		Writer writer = new Writer();
		writer.text("{\"contents\":[{\"role\":\"user\",\"parts\":[");
		for (int i = 0; i < request.parts().size(); i++) {
			if (i > 0) {
				writer.text(",");
			}
			writer.part(request.parts().get(i));
		}
		writer.text("]}]");
		if (request.systemInstruction() != null) {
			writer.text(",\"systemInstruction\":{\"parts\":[{\"text\":").json(request.systemInstruction()).text("}]}");
		}
		if (!request.generationConfig().isEmpty()) {
			writer.text(",\"generationConfig\":").json(request.generationConfig());
		}
		if (!request.safetySettings().isEmpty()) {
			writer.text(",\"safetySettings\":").json(request.safetySettings());
		}
		writer.text("}");
		return new GenerateContentBody(writer.finish());
	}

	/** The exact number of bytes {@link #write} produces for this request. */
	public static long contentLength(GenerateContentRequest request) {
		return of(request).length();
	}

	/**
	 * Bytes of one part's JSON object on its own, without the comma that separates it
	 * from the next.
	 */
	public static long partLength(RequestPart part) {
		return new GenerateContentBody(new Writer().part(part).finish()).length();
	}

	/** Length of the unwrapped, padded base64 text of {@code n} bytes. */
	public static long base64Length(long n) {
		return 4 * ((n + 2) / 3);
	}

	/**
	 * The body as a lazy stream: nothing is read until subscribed, images block by block
	 * on demand.
	 */
	public static Flux<DataBuffer> write(GenerateContentRequest request, DataBufferFactory bufferFactory) {
		return Flux.defer(() -> of(request).content(bufferFactory));
	}

	public long length() {
		return this.length;
	}

	/**
	 * True when writing the body is quick enough for an event loop: every image on the
	 * heap, and not many bytes.
	 */
	public boolean quickToWrite() {
		long imageBytes = 0;
		for (Segment segment : this.segments) {
			if (segment instanceof Base64Image image) {
				if (!image.source().inMemory()) {
					return false;
				}
				imageBytes += image.source().size();
			}
		}
		return SourceChunks.quickToRead(imageBytes, true);
	}

	public Flux<DataBuffer> content(DataBufferFactory bufferFactory) {
		return Flux.fromIterable(this.segments).concatMap((segment) -> segment.content(bufferFactory), 1);
	}

	private sealed interface Segment {

		long length();

		Flux<DataBuffer> content(DataBufferFactory bufferFactory);

	}

	private record Json(byte[] bytes) implements Segment {

		@Override
		public long length() {
			return this.bytes.length;
		}

		@Override
		public Flux<DataBuffer> content(DataBufferFactory bufferFactory) {
			return Flux.just(this.bytes).map(bufferFactory::wrap);
		}

	}

	private record Base64Image(ByteSource source) implements Segment {

		@Override
		public long length() {
			return base64Length(this.source.size());
		}

		@Override
		public Flux<DataBuffer> content(DataBufferFactory bufferFactory) {
			Base64.Encoder encoder = Base64.getEncoder();
			return SourceChunks.read(this.source, 0, this.source.size(), RAW_BLOCK)
				.map((block) -> bufferFactory.wrap(encoder.encode(block)));
		}

	}

	/**
	 * Collects JSON text into as few segments as possible, with each image as its own
	 * segment.
	 */
	private static final class Writer {

		private final List<Segment> segments = new ArrayList<>();

		private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

		Writer text(String json) {
			this.pending.writeBytes(json.getBytes(StandardCharsets.UTF_8));
			return this;
		}

		Writer json(Object value) {
			this.pending.writeBytes(JSON.writeValueAsBytes(value));
			return this;
		}

		Writer part(RequestPart part) {
			if (part instanceof TextPart text) {
				return text("{\"text\":").json(text.text()).text("}");
			}
			if (part instanceof InlineImagePart image) {
				text("{\"inlineData\":{\"mimeType\":").json(image.mimeType()).text(",\"data\":\"");
				flush();
				this.segments.add(new Base64Image(image.bytes()));
				return text("\"}}");
			}
			FileImagePart file = (FileImagePart) part;
			return text("{\"fileData\":{\"mimeType\":").json(file.mimeType())
				.text(",\"fileUri\":")
				.json(file.fileUri())
				.text("}}");
		}

		List<Segment> finish() {
			flush();
			return List.copyOf(this.segments);
		}

		private void flush() {
			if (this.pending.size() > 0) {
				this.segments.add(new Json(this.pending.toByteArray()));
				this.pending.reset();
			}
		}

	}

}
