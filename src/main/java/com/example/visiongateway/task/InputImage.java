package com.example.visiongateway.task;

import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.io.ByteSource;
import com.example.visiongateway.transfer.RegisteredFile;

/**
 * One image of a request, checked and ready to be sent.
 *
 * @param index position in the request ({@code images} first, then {@code fileIds})
 * @param filename the caller's file name (never used as a path)
 * @param fileId the {@code fileIds} entry it came from, or null
 * @param bytes the bytes, when the caller sent them (null for {@code fileIds})
 * @param info header facts; null for a stored file the gateway did not upload
 * @param mimeType the type decided from the bytes
 * @param sizeBytes its size
 * @param sha256 hex digest, when known
 * @param file the stored file it already is, or null
 */
public record InputImage(int index, String filename, String fileId, ByteSource bytes, ImageInfo info, String mimeType,
		long sizeBytes, String sha256, RegisteredFile file) {

}
