package com.example.visiongateway.aot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.imageio.ImageIO;

/**
 * The training run's traffic for the container image's AOT cache
 * ({@code scripts/aot-train.sh}): waits until the gateway is ready, then sends every
 * endpoint the requests callers send, so the cache holds the classes they load and the
 * JIT's profiles of the methods they run. Argument: the gateway's base URL; optional
 * second argument: rounds (default 300).
 */
public final class TrainingTraffic {

	private static final String BOUNDARY = "aot-training-boundary";

	private static final int WORKERS = 8;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String baseUrl;

	private TrainingTraffic(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public static void main(String[] args) throws Exception {
		TrainingTraffic traffic = new TrainingTraffic(args[0]);
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 300;
		traffic.awaitReady(Duration.ofSeconds(180));
		Map<String, Integer> statuses = traffic.send(rounds);
		System.out.println("AOT training traffic: " + statuses);
		if (statuses.getOrDefault("/v1/vision/caption", 0) != 2 * rounds) {
			throw new IllegalStateException("Captions did not succeed in every round: " + statuses);
		}
	}

	private void awaitReady(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (get("/actuator/health/readiness") == 200) {
					return;
				}
			}
			catch (IOException notListeningYet) {
				// Keep polling until the deadline.
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("The gateway was not ready within " + timeout);
	}

	/**
	 * Rounds on {@value #WORKERS} connections at once, as a loaded pod serves them: each
	 * captions a photo (a JPEG of about 80 KB, the load benchmarks' case) and a PNG, and
	 * every few rounds calls the other endpoints.
	 * @return per path, how many requests were answered 2xx
	 */
	private Map<String, Integer> send(int rounds) throws IOException, InterruptedException {
		byte[] small = png(64, 48);
		byte[] medium = png(900, 600);
		byte[] photo = jpeg(640, 480);
		Map<String, Integer> ok = new ConcurrentHashMap<>();
		ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
		try {
			List<Future<Void>> done = new ArrayList<>();
			for (int i = 0; i < rounds; i++) {
				int round = i;
				done.add(workers.submit(() -> {
					round(ok, round, (round % 10 == 0) ? medium : small, photo);
					return null;
				}));
			}
			for (Future<Void> result : done) {
				result.get();
			}
		}
		catch (ExecutionException ex) {
			throw new IOException("A training request failed", ex.getCause());
		}
		finally {
			workers.shutdownNow();
		}
		return new TreeMap<>(ok);
	}

	private void round(Map<String, Integer> ok, int round, byte[] image, byte[] photo)
			throws IOException, InterruptedException {
		count(ok, "/v1/vision/caption", post("/v1/vision/caption", photo, Map.of()));
		count(ok, "/v1/vision/caption", post("/v1/vision/caption", image, Map.of()));
		count(ok, "/v1/vision/tokens", post("/v1/vision/tokens", image, Map.of("maxDimension", "32")));
		if (round % 3 == 0) {
			count(ok, "/v1/vision/classify",
					post("/v1/vision/classify", image, Map.of("labels", List.of("cat", "dog"))));
			count(ok, "/v1/vision/ask", post("/v1/vision/ask", photo, Map.of("question", "What is it?")));
			count(ok, "/v1/vision/detect", post("/v1/vision/detect", image, Map.of()));
			count(ok, "/v1/vision/segment", post("/v1/vision/segment", image, Map.of()));
		}
		if (round % 25 == 0) {
			count(ok, "/v1/files", post("/v1/files", "file", image, Map.of()));
			count(ok, "/v3/api-docs", get("/v3/api-docs"));
			count(ok, "/actuator/prometheus", get("/actuator/prometheus"));
		}
	}

	private static void count(Map<String, Integer> ok, String path, int status) {
		ok.merge(path, (status / 100 == 2) ? 1 : 0, Integer::sum);
	}

	private int get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private int post(String path, byte[] image, Map<String, Object> fields) throws IOException, InterruptedException {
		return post(path, "images", image, fields);
	}

	private int post(String path, String imagePart, byte[] image, Map<String, Object> fields)
			throws IOException, InterruptedException {
		ByteArrayOutputStream body = new ByteArrayOutputStream(image.length + 1024);
		for (Map.Entry<String, Object> field : fields.entrySet()) {
			List<?> values = (field.getValue() instanceof List<?> list) ? list : List.of(field.getValue());
			for (Object value : values) {
				body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
						+ "\"\r\n\r\n" + value + "\r\n")
					.getBytes(StandardCharsets.UTF_8));
			}
		}
		body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + imagePart
				+ "\"; filename=\"training." + mediaType(image).substring(6) + "\"\r\nContent-Type: " + mediaType(image)
				+ "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(image);
		body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static String mediaType(byte[] image) {
		return ((image[0] & 0xFF) == 0xFF) ? "image/jpeg" : "image/png";
	}

	/** A photo-like JPEG: noise compresses about as badly as a photo's detail. */
	private static byte[] jpeg(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(42);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | random.nextInt(64));
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "jpeg", out);
		return out.toByteArray();
	}

	private static byte[] png(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.ORANGE);
		graphics.fillRect(0, 0, width, height);
		graphics.setColor(Color.BLUE);
		graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

}
