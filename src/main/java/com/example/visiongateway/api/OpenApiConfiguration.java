package com.example.visiongateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.gemini.GeminiProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE;

/**
 * The OpenAPI description: what the service is, and the contract's problems on every
 * operation.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/**
	 * Problems any vision or files operation can answer, by status, with the codes each
	 * status carries.
	 */
	private static final Map<String, ErrorCode[]> PROBLEMS = Map.of("400", new ErrorCode[] { ErrorCode.BAD_REQUEST },
			"404", new ErrorCode[] { ErrorCode.FILE_NOT_FOUND }, "408", new ErrorCode[] { ErrorCode.REQUEST_TIMEOUT },
			"413", new ErrorCode[] { ErrorCode.PAYLOAD_TOO_LARGE }, "415",
			new ErrorCode[] { ErrorCode.UNSUPPORTED_MEDIA_TYPE }, "422",
			new ErrorCode[] { ErrorCode.TOO_MANY_IMAGES, ErrorCode.UNREADABLE_IMAGE, ErrorCode.IMAGE_TOO_LARGE,
					ErrorCode.CONTENT_BLOCKED },
			"429", new ErrorCode[] { ErrorCode.RATE_LIMITED }, "502", new ErrorCode[] { ErrorCode.UPSTREAM_ERROR },
			"503",
			new ErrorCode[] { ErrorCode.UPSTREAM_UNAVAILABLE, ErrorCode.OVERLOADED, ErrorCode.MODEL_UNAVAILABLE },
			"504", new ErrorCode[] { ErrorCode.UPSTREAM_TIMEOUT });

	@Bean
	OpenAPI visionGatewayOpenApi() {
		return new OpenAPI().info(new Info().title("vision-gateway")
			.version("v1")
			.description("One well-behaved door to Google Gemini's image understanding. Send images as multipart "
					+ "parts (`images`, repeatable) or reuse stored ones (`fileIds`). Errors are RFC 9457 problem "
					+ "details with a machine-readable `code`. With the result cache on (`vision.cache.enabled`), "
					+ "caption, classify, detect, segment and ask answer with `X-Cache: HIT` or `MISS`, and a request "
					+ "with `Cache-Control: no-cache` is never answered from the cache. The whole contract, with every "
					+ "status and `code`, is `docs/api.md` in the repository."));
	}

	/**
	 * Operations in the order people try them (Swagger UI lists paths as the description
	 * does, and springdoc's order follows handler registration); other paths follow.
	 */
	@Bean
	OpenApiCustomizer operationOrder() {
		List<String> first = List.of("/v1/vision/caption", "/v1/vision/classify", "/v1/vision/ask", "/v1/vision/detect",
				"/v1/vision/segment", "/v1/vision/tokens", "/v1/files", "/v1/files/{id}");
		return (openApi) -> {
			Paths ordered = new Paths();
			first.stream()
				.filter(openApi.getPaths()::containsKey)
				.forEach((path) -> ordered.addPathItem(path, openApi.getPaths().get(path)));
			openApi.getPaths().forEach((path, item) -> ordered.putIfAbsent(path, item));
			openApi.setPaths(ordered);
		};
	}

	@Bean
	OperationCustomizer contractProblems() {
		return (operation, handlerMethod) -> {
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			PROBLEMS.forEach((status, codes) -> {
				if (!responses.containsKey(status)) {
					responses.addApiResponse(status, problemResponse(codes));
				}
			});
			operation.setResponses(responses);
			return operation;
		};
	}

	/**
	 * Vision endpoints bind their parts into {@link SharedParts} and plain parameters;
	 * springdoc lists those as query parameters. They are multipart parts: move them into
	 * the multipart body so Swagger UI offers file pickers.
	 */
	@Bean
	OperationCustomizer multipartParts(GeminiProperties gemini) {
		List<String> models = List.copyOf(gemini.models().keySet());
		return (operation, handlerMethod) -> {
			if (handlerMethod.getBeanType() != VisionController.class || operation.getParameters() == null) {
				return operation;
			}
			Schema<Object> form = new ObjectSchema();
			List<Parameter> kept = new ArrayList<>();
			for (Parameter parameter : operation.getParameters()) {
				if (!"query".equals(parameter.getIn())) {
					kept.add(parameter);
					continue;
				}
				Schema<?> schema = parameter.getSchema();
				if (parameter.getName().equals("images")) {
					schema = new ArraySchema().items(new StringSchema().format("binary"));
				}
				if (parameter.getName().equals("model")) {
					schema = new StringSchema()._enum(models)._default(gemini.defaultModel());
				}
				else if (schema instanceof IntegerSchema number) {
					// A part is text on the wire; as a string Swagger UI leaves it empty
					// instead of pre-filling a bound.
					StringSchema digits = new StringSchema();
					digits.setPattern("^[0-9]+$");
					digits.setDefault("");
					schema = digits;
					parameter.setDescription(parameter.getDescription() + " An integer from " + number.getMinimum()
							+ ((number.getMaximum() != null) ? " to " + number.getMaximum() : "") + ".");
				}
				else if (!parameter.getName().equals("images")) {
					// Swagger UI would otherwise pre-fill "string", or an enum's first
					// value, that a person must clear before trying.
					schema.setDefault((schema instanceof ArraySchema) ? List.of() : "");
				}
				schema.setDescription(parameter.getDescription());
				form.addProperty(parameter.getName(), schema);
				if (Boolean.TRUE.equals(parameter.getRequired())) {
					form.addRequiredItem(parameter.getName());
				}
			}
			operation.setParameters(kept.isEmpty() ? null : kept);
			operation.setRequestBody(new RequestBody().required(true)
				.content(new Content().addMediaType(MULTIPART_FORM_DATA_VALUE, new MediaType().schema(form))));
			return operation;
		};
	}

	private static ApiResponse problemResponse(ErrorCode[] codes) {
		MediaType problemJson = new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"));
		StringBuilder description = new StringBuilder("Problem details; code ");
		for (int i = 0; i < codes.length; i++) {
			ErrorCode code = codes[i];
			description.append((i > 0) ? ", " : "").append('`').append(code.name()).append('`');
			problemJson.addExamples(code.name(), new Example().value(Map.of("type",
					"urn:vision-gateway:problem:" + code.name().toLowerCase().replace('_', '-'), "title", code.title(),
					"status", ProblemStatus.of(code).value(), "detail", "…", "code", code.name())));
		}
		return new ApiResponse().description(description.toString())
			.content(new Content().addMediaType("application/problem+json", problemJson));
	}

}
