package com.example.visiongateway.passthrough;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.BudgetConfiguration;
import com.example.visiongateway.budget.BudgetProperties;
import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * Gemini's own model methods under {@code /gemini}, so Google's SDKs work with the
 * gateway as their base URL. The caller's key (checked by the auth filter) stays here:
 * the gateway calls Gemini with its own.
 */
@RestController
@RequestMapping("/gemini")
@Tag(name = "gemini", description = "Gemini's own REST API for Google's SDKs: base URL http(s)://<gateway>/gemini, "
		+ "the gateway key as the SDK's API key. Errors are Google-shaped: {\"error\":{\"code\",\"message\",\"status\"}}.")
class GeminiModelsController {

	private final GeminiModels models;

	private final PassthroughProperties properties;

	private final Budget heap;

	private final BudgetProperties budgets;

	GeminiModelsController(GeminiModels models, PassthroughProperties properties,
			@Qualifier(BudgetConfiguration.HEAP) Budget heap, BudgetProperties budgets) {
		this.models = models;
		this.properties = properties;
		this.heap = heap;
		this.budgets = budgets;
	}

	@PostMapping("/{version}/models/{target}")
	@Operation(summary = "generateContent, streamGenerateContent (?alt=sse) or countTokens, as Gemini's REST API",
			description = "The path is Gemini's: /gemini/{v1|v1beta}/models/{model}:{method}. Only allow-listed "
					+ "models; inline images are checked like uploads and fileData must name one of the caller's "
					+ "files. The body is Gemini's JSON, at most vision.passthrough.max-body-size; the answer is "
					+ "Gemini's, streamed event by event for streamGenerateContent.")
	CompletableFuture<ResponseEntity<?>> call(@PathVariable("version") String version,
			@PathVariable("target") String target, HttpServletRequest request) throws IOException {
		GeminiModels.Call call = this.models.call(version, target);
		if (call.method() == GeminiModels.Method.STREAM_GENERATE_CONTENT && !sse(request)) {
			throw new VisionException(ErrorCode.BAD_REQUEST,
					"streamGenerateContent is served as server-sent events only: add ?alt=sse.");
		}
		Tenant caller = Tenant.of(request);
		Reservation held = new Reservation(this.heap, this.budgets.maxWait());
		try {
			byte[] body = CallerBody.read(request, this.properties.maxBodySize().toBytes(), held);
			if (call.method() == GeminiModels.Method.STREAM_GENERATE_CONTENT) {
				return stream(caller, call, body, held, request);
			}
			return this.models.unary(caller, call, body, held, request)
				.<ResponseEntity<?>>map(
						(answer) -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer))
				.doFinally((signal) -> held.close())
				.toFuture();
		}
		catch (RuntimeException | IOException ex) {
			held.close();
			throw ex;
		}
	}

	/**
	 * The answer's head once Gemini's first chunk is in (so a failure before it is still
	 * a proper error answer), then every chunk written and flushed as it arrives.
	 */
	private CompletableFuture<ResponseEntity<?>> stream(Tenant caller, GeminiModels.Call call, byte[] body,
			Reservation held, HttpServletRequest request) {
		CompletableFuture<ResponseEntity<?>> head = new CompletableFuture<>();
		ResponseBodyEmitter emitter = new ResponseBodyEmitter();
		Disposable running = this.models.stream(caller, call, body, held, request)
			// Servlet writes block: off Gemini's event loop
			.publishOn(Schedulers.boundedElastic())
			.doFinally((signal) -> held.close())
			.subscribe((chunk) -> {
				head.complete(streaming(emitter));
				send(emitter, chunk);
			}, (failure) -> {
				if (!head.completeExceptionally(failure)) {
					emitter.completeWithError(failure);
				}
			}, () -> {
				head.complete(streaming(emitter));
				emitter.complete();
			});
		emitter.onError((failure) -> running.dispose());
		emitter.onTimeout(running::dispose);
		head.whenComplete((answer, failure) -> {
			if (failure != null) {
				running.dispose();
			}
		});
		return head;
	}

	/** nginx (an Ingress) would otherwise buffer the events it should hand on. */
	private static ResponseEntity<?> streaming(ResponseBodyEmitter emitter) {
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header("X-Accel-Buffering", "no")
			.body(emitter);
	}

	private static void send(ResponseBodyEmitter emitter, byte[] chunk) {
		try {
			emitter.send(chunk, MediaType.TEXT_EVENT_STREAM);
		}
		catch (IOException ex) {
			// The caller went away: ends the stream, which cancels Gemini's
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean sse(HttpServletRequest request) {
		String query = request.getQueryString();
		return query != null && ("&" + query + "&").contains("&alt=sse&");
	}

}
