package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.Texts;
import com.example.visiongateway.model.ModelCatalog.Model;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Labels chosen from the caller's list. Structured output makes the answer a JSON string
 * (or array) whose schema enum is the caller's labels, so a model that honours schemas
 * can only answer one of them; the answer is still checked, because not every model does.
 */
record ClassifyTask(List<String> labels, boolean multiLabel, JsonMapper json) implements PerImageTask {

	private static final int MAX_RAW_ANSWER = 2000;

	@Override
	public String name() {
		return "classify";
	}

	@Override
	public String prompt(Model model) {
		String choices = String.join(", ", this.labels);
		return this.multiLabel
				? "Classify this image. Answer with every label from this list that applies, and no other: " + choices
						+ "."
				: "Classify this image. Answer with the one label from this list that fits best, and no other: "
						+ choices + ".";
	}

	@Override
	public Map<String, Object> parameters() {
		return Map.of("labels", this.labels, "multiLabel", this.multiLabel);
	}

	@Override
	public Map<String, Object> generationConfig(Model model) {
		if (!model.settings().jsonMode()) {
			return GenerationConfigs.forTask(model, name());
		}
		Map<String, Object> label = Map.of("type", "string", "enum", this.labels);
		Map<String, Object> schema = this.multiLabel ? Map.of("type", "array", "items", label, "minItems", 1) : label;
		Map<String, Object> task = new LinkedHashMap<>();
		task.put("responseMimeType", "application/json");
		task.put("responseJsonSchema", schema);
		return GenerationConfigs.merge(GenerationConfigs.forTask(model, name()), task);
	}

	@Override
	public ImageOutcome read(ModelAnswer answer, Model model, InputImage image, ImageDescriptor descriptor,
			Usage usage) {
		return new ImageOutcome.Classified(descriptor, chosenLabels(answer.text()), answer.finishReason(), usage,
				List.of());
	}

	/**
	 * The caller's labels named in the answer, spelt as the caller spelt them, in the
	 * answer's order.
	 */
	List<String> chosenLabels(String text) {
		Map<String, String> byKey = new LinkedHashMap<>();
		this.labels.forEach((label) -> byKey.put(key(label), label));
		Set<String> chosen = new LinkedHashSet<>();
		for (String candidate : candidates(text)) {
			String label = byKey.get(key(candidate));
			if (label != null) {
				chosen.add(label);
			}
		}
		if (chosen.isEmpty()) {
			throw new AnswerException(ErrorCode.UPSTREAM_ERROR, "Gemini's answer names none of the given labels.",
					Map.of("rawAnswer", Texts.abbreviate(text, MAX_RAW_ANSWER)));
		}
		List<String> result = new ArrayList<>(chosen);
		return this.multiLabel ? result : result.subList(0, 1);
	}

	private List<String> candidates(String text) {
		String body = stripFence(text.strip());
		try {
			JsonNode node = this.json.readTree(body);
			List<String> values = new ArrayList<>();
			if (node.isArray()) {
				node.forEach((item) -> values.add(item.asString()));
			}
			else if (node.isString()) {
				values.add(node.asString());
			}
			if (!values.isEmpty()) {
				return values;
			}
		}
		catch (JacksonException ex) {
			// Not JSON: a model without structured output answered in prose; fall back to
			// lines and commas.
		}
		List<String> values = new ArrayList<>();
		for (String piece : body.split("[,\\n]")) {
			values.add(piece.replaceAll("^[\\s\"'`*.-]+|[\\s\"'`*.]+$", ""));
		}
		return values;
	}

	private static String stripFence(String text) {
		if (text.startsWith("```")) {
			int firstLine = text.indexOf('\n');
			int end = text.lastIndexOf("```");
			if (firstLine > 0 && end > firstLine) {
				return text.substring(firstLine + 1, end).strip();
			}
		}
		return text;
	}

	private static String key(String label) {
		return label.strip().toLowerCase(Locale.ROOT);
	}

}
