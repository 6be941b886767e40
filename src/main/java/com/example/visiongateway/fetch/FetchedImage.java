package com.example.visiongateway.fetch;

import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.io.ByteSource;
import com.example.visiongateway.io.TempFileBytes;

/**
 * An image fetched from a URL. The bytes live in a temp file until {@link #close()};
 * nothing about them is checked yet (type, size in pixels): that is the caller's job, as
 * for an upload.
 *
 * @param url the URL as the caller sent it, without query, fragment and user information
 * (the query of a pre-signed URL is a credential)
 * @param host the host the bytes finally came from, after any redirects
 * @param bytes the body, exactly as received
 * @param contentType the response's Content-Type, or {@code null} when it had none
 * @param disk what the temp file holds of the disk budget
 */
public record FetchedImage(String url, String host, ByteSource bytes, String contentType,
		Reservation disk) implements AutoCloseable {

	/** Deletes the temp file and gives its disk back; safe to call more than once. */
	@Override
	public void close() {
		if (this.bytes instanceof TempFileBytes file) {
			file.delete();
		}
		this.disk.close();
	}

}
