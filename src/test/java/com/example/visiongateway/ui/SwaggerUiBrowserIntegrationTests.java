package com.example.visiongateway.ui;

import java.nio.file.Path;
import java.time.Duration;

import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.HeadlessChrome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/** Swagger UI in a real browser: a person tries the caption operation with an image. */
class SwaggerUiBrowserIntegrationTests extends GatewayIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(60);

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
	void triesCaptionWithAnImageAndShowsTheAnswer() {
		chrome.driver().get("http://127.0.0.1:" + port() + "/swagger-ui.html");
		WebElement caption = chrome.waitUpTo(WAIT)
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-vision-caption")));
		caption.findElement(By.cssSelector(".opblock-summary")).click();
		caption.findElement(By.cssSelector(".try-out__btn")).click();
		Path chelsea = Path.of("src/test/resources/images/chelsea.png").toAbsolutePath();
		chrome.waitUpTo(WAIT)
			.until(ExpectedConditions.presenceOfNestedElementLocatedBy(caption,
					By.cssSelector("tr[data-property-name=images] input[type=file]")))
			.sendKeys(chelsea.toString());
		caption.findElement(By.cssSelector(".execute")).click();

		WebElement status = chrome.waitUpTo(WAIT)
			.until(ExpectedConditions.presenceOfNestedElementLocatedBy(caption,
					By.cssSelector(".live-responses-table tr.response .response-col_status")));
		WebElement body = caption
			.findElement(By.cssSelector(".live-responses-table tr.response .response-col_description pre"));
		String shown = body.getDomProperty("textContent");
		assertThat(status.getText())
			.as(shown + caption.findElement(By.cssSelector(".curl-command")).getDomProperty("textContent"))
			.isEqualTo("200");
		assertThat(shown).contains("\"caption\"").contains("chelsea.png");
		assertThat(chrome.consoleErrors()).isEmpty();
		chrome.driver().executeScript("arguments[0].scrollIntoView()", status);
		chrome.screenshot("swagger-ui");
	}

}
