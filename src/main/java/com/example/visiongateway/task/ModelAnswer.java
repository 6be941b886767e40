package com.example.visiongateway.task;

/** The usable text of a model's answer and why it stopped. */
public record ModelAnswer(String text, String finishReason) {

}
