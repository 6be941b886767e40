package com.example.visiongateway.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.HeadlessChrome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playground at {@code /} in a real browser against the running gateway and the
 * Gemini stub, through the contract's stable hooks.
 */
class PlaygroundBrowserIntegrationTests extends GatewayIntegrationTest {

	private static final Duration ANSWER = Duration.ofSeconds(60);

	private static HeadlessChrome chrome;

	@BeforeAll
	static void browser() {
		chrome = HeadlessChrome.start();
	}

	@AfterAll
	static void quit() {
		if (chrome != null) {
			chrome.close();
		}
	}

	@Test
	void segmentsAnImageAndDrawsTheMasksOverIt() {
		open();
		choose("coffee.png");
		new Select(find("select[name=task]")).selectByValue("segment");
		find("button[type=submit]").click();

		WebElement result = chrome.waitUpTo(ANSWER)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=result]")));
		chrome.waitUpTo(ANSWER).until((driver) -> !result.getText().isBlank());
		JsonNode answer = JsonMapper.shared().readTree(result.getText());
		JsonNode detections = answer.get("results").get(0).get("detections");
		assertThat(detections.isEmpty()).as(result.getText()).isFalse();
		chrome.waitUpTo(ANSWER)
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=overlay]")));

		JsonNode box = detections.get(0).get("bbox");
		long changed = changedPixels(box.get(0).asInt(), box.get(1).asInt(), box.get(2).asInt(), box.get(3).asInt());
		assertThat(changed).as("pixels of the overlay inside the first box that differ from the image").isPositive();
		assertThat(chrome.consoleErrors()).isEmpty();
		chrome.screenshot("playground");
	}

	@Test
	void showsTheProblemOfAnUnsupportedFile() {
		open();
		choose("unsupported.gif");
		new Select(find("select[name=task]")).selectByValue("caption");
		find("button[type=submit]").click();

		WebElement error = chrome.waitUpTo(ANSWER)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=error]")));
		assertThat(error.getText()).contains(ErrorCode.UNSUPPORTED_MEDIA_TYPE.title()).contains("gif");
		// The browser reports the refused request itself; nothing else may go wrong.
		assertThat(chrome.consoleErrors()).allMatch((message) -> message.contains("status of 415"));
	}

	@Test
	void offersTheAllowListedModelsWithTheDefaultChosen() {
		open();
		Select model = new Select(find("select[name=model]"));
		chrome.waitUpTo(ANSWER).until((driver) -> !model.getOptions().isEmpty());

		JsonNode api = JsonMapper.shared().readTree(this.gateway.get("/v3/api-docs").body());
		JsonNode schema = api.at("/paths/~1v1~1vision~1caption/post/requestBody/content/multipart~1form-data/schema"
				+ "/properties/model");
		List<String> allowed = schema.get("enum").valueStream().map(JsonNode::asString).toList();
		assertThat(model.getOptions()).extracting(WebElement::getText).containsExactlyElementsOf(allowed);
		assertThat(model.getFirstSelectedOption().getText()).isEqualTo(schema.get("default").asString());
	}

	private void open() {
		chrome.driver().get("http://127.0.0.1:" + port() + "/");
		chrome.consoleErrors();
	}

	private static WebElement find(String css) {
		return chrome.driver().findElement(By.cssSelector(css));
	}

	private static void choose(String fixture) {
		Path file = Path.of("src/test/resources/images", fixture).toAbsolutePath();
		find("input[type=file][name=images]").sendKeys(file.toString());
	}

	/**
	 * Counts the pixels in the box where the drawn overlay differs from the chosen image
	 * decoded afresh by the browser.
	 */
	private static long changedPixels(int x1, int y1, int x2, int y2) {
		Object count = chrome.driver().executeAsyncScript("""
				const [x1, y1, x2, y2, done] = arguments;
				const overlay = document.querySelector('[data-testid=overlay]');
				createImageBitmap(document.querySelector('input[type=file][name=images]').files[0]).then(bitmap => {
				  const plain = document.createElement('canvas');
				  plain.width = overlay.width;
				  plain.height = overlay.height;
				  plain.getContext('2d').drawImage(bitmap, 0, 0);
				  const w = x2 - x1, h = y2 - y1;
				  const a = overlay.getContext('2d').getImageData(x1, y1, w, h).data;
				  const b = plain.getContext('2d').getImageData(x1, y1, w, h).data;
				  let changed = 0;
				  for (let i = 0; i < a.length; i += 4) {
				    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) changed++;
				  }
				  done(changed);
				});
				""", x1, y1, x2, y2);
		return ((Number) count).longValue();
	}

}
