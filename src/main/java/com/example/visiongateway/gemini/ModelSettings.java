package com.example.visiongateway.gemini;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the gateway needs to know about one allowed model. Inconsistent settings stop
 * start-up: a {@code thinkingBudget} where a {@code thinkingLevel} also applies (Gemini
 * answers such a request with 400), or a thinking level for a task that does not exist.
 *
 * @param maxImages images per request, at most 3,600 (the Developer API's limit)
 * @param masks whether the model can return segmentation masks
 * @param jsonMode whether the model honours {@code responseMimeType: application/json}
 * @param tokenScheme how image input tokens are charged
 * @param mediaResolution the level charged when {@code tokenScheme} is
 * {@code MEDIA_RESOLUTION}
 * @param maskForm the form the model's segmentation masks take (and the prompt asks for)
 * @param maskFrame what polygon coordinates are normalized to
 * @param thinkingLevels {@code thinkingConfig.thinkingLevel} per task ({@code caption},
 * {@code classify}, {@code ask}, {@code detect}, {@code segment}) with {@code default}
 * for the others; none sends no level (the model's own default)
 * @param generationConfig merged into every request for this model
 * @param spatialGenerationConfig merged on top for detect and segment
 * @param requestsPerMinute calls to this model the whole deployment may make per minute
 * (the project's quota at Google); 0 for no limit
 * @param tokensPerMinute tokens the whole deployment may send this model per minute,
 * charged from the gateway's estimate and corrected by the answer's usage; 0 for no limit
 */
public record ModelSettings(@DefaultValue("3600") @Min(1) @Max(3600) int maxImages, @DefaultValue("true") boolean masks,
		@DefaultValue("true") boolean jsonMode, @DefaultValue("TILES") TokenScheme tokenScheme,
		@DefaultValue("HIGH") MediaResolution mediaResolution, @DefaultValue("POLYGON") MaskForm maskForm,
		@DefaultValue("IMAGE") MaskFrame maskFrame, Map<String, ThinkingLevel> thinkingLevels,
		Map<String, Object> generationConfig, Map<String, Object> spatialGenerationConfig,
		@DefaultValue("0") @Min(0) int requestsPerMinute, @DefaultValue("0") @Min(0) long tokensPerMinute) {

	/** The key of {@link #thinkingLevels} that applies to tasks without their own. */
	public static final String DEFAULT_TASK = "default";

	/** The tasks that call a model and so may think. */
	public static final List<String> TASKS = List.of("caption", "classify", "ask", "detect", "segment");

	private static final Set<String> SPATIAL_TASKS = Set.of("detect", "segment");

	private static final String THINKING_CONFIG = "thinkingConfig";

	public ModelSettings {
		tokenScheme = (tokenScheme != null) ? tokenScheme : TokenScheme.TILES;
		mediaResolution = (mediaResolution != null) ? mediaResolution : MediaResolution.HIGH;
		maskForm = (maskForm != null) ? maskForm : MaskForm.POLYGON;
		maskFrame = (maskFrame != null) ? maskFrame : MaskFrame.IMAGE;
		thinkingLevels = (thinkingLevels != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(thinkingLevels))
				: Map.of();
		generationConfig = readOnly(generationConfig);
		spatialGenerationConfig = readOnly(spatialGenerationConfig);
		for (String task : thinkingLevels.keySet()) {
			if (!DEFAULT_TASK.equals(task) && !TASKS.contains(task)) {
				throw new IllegalArgumentException("thinking-levels has an unknown task '" + task + "'; use "
						+ DEFAULT_TASK + " or one of " + String.join(", ", TASKS));
			}
		}
		for (String task : TASKS) {
			boolean spatial = SPATIAL_TASKS.contains(task);
			boolean budget = thinks(generationConfig, "thinkingBudget")
					|| (spatial && thinks(spatialGenerationConfig, "thinkingBudget"));
			boolean level = thinkingLevel(thinkingLevels, task) != null || thinks(generationConfig, "thinkingLevel")
					|| (spatial && thinks(spatialGenerationConfig, "thinkingLevel"));
			if (budget && level) {
				throw new IllegalArgumentException("both a thinkingBudget and a thinkingLevel apply to " + task
						+ " (Gemini refuses the pair with 400): keep thinking-levels for Gemini 3 models, "
						+ "a generation-config thinkingBudget for Gemini 2.5 ones");
			}
		}
	}

	/** The settings of a model configured with nothing but its name. */
	public static ModelSettings defaults() {
		return new ModelSettings(3600, true, true, TokenScheme.TILES, MediaResolution.HIGH, MaskForm.POLYGON,
				MaskFrame.IMAGE, Map.of(), Map.of(), Map.of(), 0, 0);
	}

	/** The thinking level sent for a task, or {@code null} for the model's default. */
	public ThinkingLevel thinkingLevel(String task) {
		return thinkingLevel(this.thinkingLevels, task);
	}

	/** Whether a task's settings include those for detect and segment. */
	public static boolean spatial(String task) {
		return SPATIAL_TASKS.contains(task);
	}

	private static ThinkingLevel thinkingLevel(Map<String, ThinkingLevel> levels, String task) {
		ThinkingLevel level = levels.get(task);
		return (level != null) ? level : levels.get(DEFAULT_TASK);
	}

	private static boolean thinks(Map<String, Object> config, String key) {
		return config.get(THINKING_CONFIG) instanceof Map<?, ?> thinking && thinking.containsKey(key);
	}

	private static Map<String, Object> readOnly(Map<String, Object> map) {
		// LinkedHashMap rather than Map.copyOf: keeps the configured order for readable
		// request bodies
		return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : Map.of();
	}

}
