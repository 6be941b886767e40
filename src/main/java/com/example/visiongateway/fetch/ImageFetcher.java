package com.example.visiongateway.fetch;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLException;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.BudgetConfiguration;
import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.io.TempFileBytes;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches {@code imageUrls} without letting a caller reach what only the gateway can
 * reach. Every hop (the URL and each redirect, at most
 * {@code vision.fetch.max-redirects}) is checked by {@link FetchGuard}: IP literals and
 * metadata names before connecting, names by the resolver that also supplies the
 * addresses connected to. Redirects are followed here, never by the client, and the body
 * streams into a temp file that is abandoned as soon as it passes the upload byte limit;
 * its bytes are charged to the shared disk budget as they arrive (503 {@code OVERLOADED}
 * when it is spent: the event loop does not wait) and given back when the image is
 * closed. Refusals are 400 {@code URL_NOT_ALLOWED}; everything else that goes wrong,
 * including a body over the limit, is 422 {@code URL_FETCH_FAILED}, naming the host,
 * never the query. Safe to call concurrently; connections are not pooled, so each hop
 * resolves and is checked afresh.
 */
@Component
public final class ImageFetcher implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ImageFetcher.class);

	static final String UNRESOLVED = "its name does not resolve to an address it fetches from";

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	private final FetchGuard guard;

	private final VettingResolverGroup resolver;

	private final HttpClient client;

	private final int maxRedirects;

	private final Set<Integer> allowedPorts;

	private final Duration timeout;

	private final long maxBytes;

	private final Budget disk;

	@Autowired
	public ImageFetcher(FetchProperties properties, ImageLimits limits,
			@Qualifier(BudgetConfiguration.DISK) Budget disk) {
		this(properties, limits, disk, null);
	}

	/** With a TLS context of its own, so tests can trust a local certificate. */
	ImageFetcher(FetchProperties properties, ImageLimits limits, Budget disk, SslContext sslContext) {
		this.disk = disk;
		this.guard = new FetchGuard(properties.allowedHosts());
		this.resolver = new VettingResolverGroup(this.guard);
		this.maxRedirects = properties.maxRedirects();
		this.allowedPorts = Set.copyOf(properties.allowedPorts());
		this.timeout = properties.timeout();
		this.maxBytes = limits.maxImageSize().toBytes();
		HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
			.resolver(this.resolver)
			.followRedirect(false)
			.disableRetry(true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
			.headers((headers) -> headers.set(HttpHeaderNames.USER_AGENT, "vision-gateway")
				.set(HttpHeaderNames.ACCEPT, "image/*"));
		this.client = (sslContext != null) ? client.secure((spec) -> spec.sslContext(sslContext)) : client;
	}

	/**
	 * Fetch one URL.
	 * @param url an http or https URL
	 * @return the image, to be {@link FetchedImage#close() closed} by the caller once the
	 * request is done; or an error that is a {@link VisionException}: {@code BAD_REQUEST}
	 * (not a URL), {@code URL_NOT_ALLOWED} or {@code URL_FETCH_FAILED}
	 */
	public Mono<FetchedImage> fetch(String url) {
		return Mono.defer(() -> {
			FetchTarget target = FetchTarget.parse(url);
			return hop(target, target, 0).timeout(this.timeout, Mono
				.error(() -> FetchProblems.failed(target, "no complete answer within " + describe(this.timeout))));
		})
			.doOnError((ex) -> log.debug("Image URL not fetched: {}", ex.getMessage()))
			// an image dropped by a cancelled or timed-out pipeline must not leave its
			// temp file behind
			.doOnDiscard(AutoCloseable.class, ImageFetcher::closeDiscarded);
	}

	@Override
	public void close() {
		this.resolver.close();
	}

	private Mono<FetchedImage> hop(FetchTarget original, FetchTarget target, int redirects) {
		String refusal = this.guard.refusal(target.host()).orElse(null);
		if (refusal != null) {
			return Mono.error(FetchProblems.notAllowed(target, refusal));
		}
		// Before any name is resolved: the port alone decides.
		if (!this.allowedPorts.contains(target.port()) && !this.guard.allowed(target.host())) {
			return Mono
				.error(FetchProblems.notAllowed(target, "port " + target.port() + " is not one it fetches from"));
		}
		return this.client.get()
			.uri(target.uri())
			.responseConnection((response, connection) -> answer(original, target, response, connection))
			.single()
			.onErrorMap((ex) -> !(ex instanceof VisionException), (ex) -> translate(target, ex))
			.flatMap((outcome) -> {
				if (outcome instanceof Outcome.Fetched fetched) {
					return Mono.just(fetched.image());
				}
				if (redirects >= this.maxRedirects) {
					return Mono
						.error(FetchProblems.failed(target, "it redirected more than " + this.maxRedirects + " times"));
				}
				return Mono.defer(() -> {
					FetchTarget next = target.redirect(((Outcome.Redirected) outcome).location());
					if (target.secure() && !next.secure()) {
						return Mono.error(FetchProblems.notAllowed(next, "an https URL may not redirect to http"));
					}
					return hop(original, next, redirects + 1);
				});
			});
	}

	private Mono<Outcome> answer(FetchTarget original, FetchTarget target, HttpClientResponse response,
			Connection connection) {
		int status = response.status().code();
		if (REDIRECTS.contains(status)) {
			String location = response.responseHeaders().get(HttpHeaderNames.LOCATION);
			connection.dispose();
			return (location != null) ? Mono.just(new Outcome.Redirected(location))
					: Mono.error(FetchProblems.failed(target, "it answered HTTP " + status + " without a Location"));
		}
		if (status < 200 || status > 299) {
			connection.dispose();
			return Mono.error(FetchProblems.failed(target, "it answered HTTP " + status, Map.of("status", status)));
		}
		long declared = contentLength(response);
		if (declared > this.maxBytes) {
			connection.dispose();
			return Mono.error(tooLarge(target));
		}
		String contentType = response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE);
		Reservation disk = new Reservation(this.disk, Duration.ZERO);
		return Mono.fromCallable(() -> TempFileBytes.create("fetch"))
			.flatMap((file) -> spool(connection, target, file, disk)
				.map((size) -> new Outcome.Fetched(new FetchedImage(original.shown(), target.host(),
						new TempFileBytes(file, size), contentType, disk))));
	}

	/**
	 * Streams the body into the file, counting as it goes: one byte over the limit ends
	 * the download and the connection. Network buffers are copied on the event loop (they
	 * are released right after), and the file is written asynchronously.
	 */
	private Mono<Long> spool(Connection connection, FetchTarget target, Path file, Reservation disk) {
		AtomicLong received = new AtomicLong();
		AtomicBoolean complete = new AtomicBoolean();
		Flux<DataBuffer> chunks = connection.inbound().receive().map((buffer) -> {
			int length = buffer.readableBytes();
			if (received.addAndGet(length) > this.maxBytes) {
				throw tooLarge(target);
			}
			disk.add(length);
			byte[] copy = new byte[length];
			buffer.readBytes(copy);
			return DefaultDataBufferFactory.sharedInstance.wrap(copy);
		});
		return DataBufferUtils.write(chunks, file).then(Mono.fromSupplier(() -> {
			complete.set(true);
			return received.get();
		}))
			// before the failure travels on, so no caller ever sees it while the file is
			// still there
			.doOnError((ex) -> {
				TempFileBytes.deleteQuietly(file);
				disk.close();
			})
			.doOnCancel(() -> {
				if (!complete.get()) {
					TempFileBytes.deleteQuietly(file);
					disk.close();
				}
			});
	}

	private VisionException tooLarge(FetchTarget target) {
		return FetchProblems.failed(target, "the image is larger than " + this.maxBytes + " bytes",
				Map.of("limit", this.maxBytes));
	}

	private static long contentLength(HttpClientResponse response) {
		String value = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
		if (value == null) {
			return -1;
		}
		try {
			return Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static VisionException translate(FetchTarget target, Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof VisionException vision) {
				return vision;
			}
			// A name refused for its addresses and a name that does not resolve get the
			// same answer, so callers
			// cannot use the gateway to map internal DNS.
			if (cause instanceof UnknownHostException) {
				return FetchProblems.notAllowed(target, UNRESOLVED);
			}
		}
		return FetchProblems.failed(target, reason(ex));
	}

	private static String reason(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectTimeoutException) {
				return "the connection timed out";
			}
			if (cause instanceof ConnectException) {
				return "the connection was refused";
			}
			if (cause instanceof SSLException) {
				return "the TLS handshake failed";
			}
			if (cause instanceof PrematureCloseException) {
				return "the connection closed before the answer was complete";
			}
		}
		return "the connection failed";
	}

	private static void closeDiscarded(AutoCloseable discarded) {
		if (discarded instanceof FetchedImage || discarded instanceof Outcome.Fetched) {
			try {
				discarded.close();
			}
			catch (Exception ex) {
				log.debug("Could not release a discarded image: {}", ex.getMessage());
			}
		}
	}

	private static String describe(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

	/** What one hop ended with. */
	private sealed interface Outcome {

		record Redirected(String location) implements Outcome {
		}

		record Fetched(FetchedImage image) implements Outcome, AutoCloseable {

			@Override
			public void close() {
				this.image.close();
			}

		}

	}

}
