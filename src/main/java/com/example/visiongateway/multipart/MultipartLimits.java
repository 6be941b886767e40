package com.example.visiongateway.multipart;

/**
 * What one multipart request may carry, in bytes unless named otherwise.
 *
 * @param maxParts parts, text and files together
 * @param maxPartHeaderSize one part's header block
 * @param maxTextPartSize one text part
 * @param maxTextSize all text parts together
 * @param maxFileSize one file part (an image)
 * @param maxRequestSize the whole body
 * @param inMemoryPartSize a file part up to this size may stay on the heap
 */
record MultipartLimits(int maxParts, int maxPartHeaderSize, long maxTextPartSize, long maxTextSize, long maxFileSize,
		long maxRequestSize, int inMemoryPartSize) {
}
