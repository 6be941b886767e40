package com.example.visiongateway.multipart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.image.ImageDigest;
import org.apache.tomcat.util.http.fileupload.FileItem;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.UploadContext;
import org.apache.tomcat.util.http.fileupload.disk.DiskFileItemFactory;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.InputStreamContentSource;
import org.eclipse.jetty.util.Promise;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's multipart reader against Tomcat's FileUpload (the copy inside
 * tomcat-embed-core, which Spring's standard resolver reaches through the Servlet API)
 * and Jetty 12's parser, over the same body read from an {@code InputStream}, on one
 * thread, every file part kept on the heap (thresholds at 16 MB). {@code shape}:
 * {@code one15MB} is one 15,000,000-byte image part and a prompt; {@code parts1000x1KB}
 * is 1,000 file parts of 1,024 bytes. ms/op; divide the body size printed at setup by it
 * for MB/s.
 * <p>
 * Ours always computes SHA-256 as it reads (here inline, on the reading thread, as when
 * no spool thread is free; {@link MultipartReaderBenchmark} measures the spool thread).
 * The others do not, so each comes three ways: parsing alone; parsing then hashing every
 * kept file part (what the gateway would have to add); and the streaming API with the
 * hash computed as the bytes pass and nothing kept (the least work either can do for the
 * same answer).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class MultipartParsersBenchmark {

	private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

	private static final int IN_MEMORY = 16 << 20;

	@Param({ "one15MB", "parts1000x1KB" })
	public String shape;

	private byte[] body;

	private MultipartLimits limits;

	private final byte[] copyBuffer = new byte[64 * 1024];

	/** A server's pool: Jetty's parts keep the pooled chunks they were read into. */
	private final ByteBufferPool.Sized jettyBuffers = new ByteBufferPool.Sized(new ArrayByteBufferPool(), false,
			64 * 1024);

	@Setup
	public void setUp() {
		Random random = new Random(15);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		if ("one15MB".equals(this.shape)) {
			filePart(out, random, 15_000_000);
		}
		else {
			for (int i = 0; i < 1000; i++) {
				filePart(out, random, 1024);
			}
		}
		out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nCaption it.\r\n--"
				+ BOUNDARY + "--\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		this.body = out.toByteArray();
		this.limits = new MultipartLimits(3800, 10 * 1024, 64 * 1024, 2 * 1024 * 1024, 64L << 20, 1L << 30, IN_MEMORY);
		System.out.println("body: " + this.body.length + " bytes");
	}

	private static void filePart(ByteArrayOutputStream out, Random random, int size) {
		byte[] image = new byte[size];
		random.nextBytes(image);
		out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\"a.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(image);
		out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	@Benchmark
	public String ours() throws IOException {
		ParsedMultipart parsed = new MultipartReader(new ByteArrayInputStream(this.body), this.body.length,
				BOUNDARY.getBytes(StandardCharsets.US_ASCII), this.limits,
				new BodyBudgets(new Budget("heap", 128L << 20), new Budget("disk", 1L << 30), Duration.ZERO,
						new Budget("heap-parts", 64L << 20)),
				(task) -> {
					throw new RejectedExecutionException();
				}, Duration.ofMinutes(2))
			.read();
		String last = parsed.parts().get(parsed.parts().size() - 1).knownSha256();
		parsed.release();
		return last;
	}

	@Benchmark
	public int tomcat() throws FileUploadException {
		List<FileItem> items = tomcatItems();
		int count = items.size();
		items.forEach(FileItem::delete);
		return count;
	}

	@Benchmark
	public String tomcatThenSha256() throws IOException, FileUploadException {
		List<FileItem> items = tomcatItems();
		String last = null;
		for (FileItem item : items) {
			if (!item.isFormField()) {
				try (InputStream in = item.getInputStream()) {
					last = sha256(in);
				}
			}
		}
		items.forEach(FileItem::delete);
		return last;
	}

	@Benchmark
	public String tomcatStreamingSha256() throws IOException, FileUploadException {
		FileItemIterator items = tomcatUpload().getItemIterator(tomcatContext());
		String last = null;
		while (items.hasNext()) {
			FileItemStream item = items.next();
			try (InputStream in = item.openStream()) {
				String digest = sha256(in);
				if (!item.isFormField()) {
					last = digest;
				}
			}
		}
		return last;
	}

	@Benchmark
	public int jetty() throws InterruptedException, ExecutionException {
		try (MultiPartFormData.Parts parts = jettyParts()) {
			return parts.size();
		}
	}

	@Benchmark
	public String jettyThenSha256() throws IOException, InterruptedException, ExecutionException {
		try (MultiPartFormData.Parts parts = jettyParts()) {
			String last = null;
			for (MultiPart.Part part : parts) {
				if (part.getFileName() != null) {
					try (InputStream in = Content.Source.asInputStream(part.createContentSource())) {
						last = sha256(in);
					}
				}
			}
			return last;
		}
	}

	@Benchmark
	public String jettyStreamingSha256() throws IOException {
		DigestingListener listener = new DigestingListener();
		MultiPart.Parser parser = new MultiPart.Parser(BOUNDARY, listener);
		parser.setMaxParts(3800);
		Content.Source source = new InputStreamContentSource(new ByteArrayInputStream(this.body), this.jettyBuffers);
		while (!listener.done) {
			Content.Chunk chunk = source.read();
			if (chunk == null) {
				throw new IllegalStateException("an InputStream source reads blocking, so never returns null");
			}
			parser.parse(chunk);
			chunk.release();
			if (chunk.isLast()) {
				break;
			}
		}
		if (listener.failure != null) {
			throw new IOException(listener.failure);
		}
		return listener.last;
	}

	private List<FileItem> tomcatItems() throws FileUploadException {
		return tomcatUpload().parseRequest(tomcatContext());
	}

	private static FileUpload tomcatUpload() {
		FileUpload upload = new FileUpload();
		upload.setFileItemFactory(new DiskFileItemFactory(IN_MEMORY, null));
		upload.setFileCountMax(3800);
		return upload;
	}

	private UploadContext tomcatContext() {
		byte[] bytes = this.body;
		return new UploadContext() {

			@Override
			public String getCharacterEncoding() {
				return "UTF-8";
			}

			@Override
			public String getContentType() {
				return "multipart/form-data; boundary=" + BOUNDARY;
			}

			@Override
			public InputStream getInputStream() {
				return new ByteArrayInputStream(bytes);
			}

			@Override
			public long contentLength() {
				return bytes.length;
			}

		};
	}

	private MultiPartFormData.Parts jettyParts() throws InterruptedException, ExecutionException {
		MultiPartFormData.Parser parser = new MultiPartFormData.Parser(BOUNDARY);
		parser.setMaxMemoryFileSize(IN_MEMORY);
		parser.setMaxParts(3800);
		CompletableFuture<MultiPartFormData.Parts> parts = new CompletableFuture<>();
		parser.parse(new InputStreamContentSource(new ByteArrayInputStream(this.body), this.jettyBuffers),
				Promise.Invocable.toPromise(parts));
		return parts.get();
	}

	private String sha256(InputStream in) throws IOException {
		MessageDigest digest = ImageDigest.newSha256();
		int n;
		while ((n = in.read(this.copyBuffer)) != -1) {
			digest.update(this.copyBuffer, 0, n);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** Hashes each file part's content as Jetty's parser hands it over. */
	private static final class DigestingListener implements MultiPart.Parser.Listener {

		private MessageDigest digest;

		private boolean file;

		private boolean done;

		private String last;

		private Throwable failure;

		@Override
		public void onPartBegin() {
			this.digest = ImageDigest.newSha256();
			this.file = false;
		}

		@Override
		public void onPartHeader(String name, String value) {
			if ("Content-Disposition".equalsIgnoreCase(name) && value.contains("filename=")) {
				this.file = true;
			}
		}

		@Override
		public void onPartContent(Content.Chunk chunk) {
			ByteBuffer bytes = chunk.getByteBuffer().slice();
			this.digest.update(bytes);
		}

		@Override
		public void onPartEnd() {
			String hex = HexFormat.of().formatHex(this.digest.digest());
			if (this.file) {
				this.last = hex;
			}
		}

		@Override
		public void onComplete() {
			this.done = true;
		}

		@Override
		public void onFailure(Throwable failure) {
			this.failure = failure;
			this.done = true;
		}

	}

}
