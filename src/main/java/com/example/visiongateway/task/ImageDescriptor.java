package com.example.visiongateway.task;

import com.example.visiongateway.transfer.Transfer;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The contract's image object: what the gateway learnt about one input. Width and height
 * are upright (after EXIF orientation) of the image as the caller has it, also when a
 * smaller copy was sent; they are null for a stored file whose header the gateway never
 * saw. {@code url} appears only for images fetched by URL.
 */
public record ImageDescriptor(int index, String filename, String fileId,
		@JsonInclude(JsonInclude.Include.NON_NULL) String url, String mimeType, Integer width, Integer height,
		long sizeBytes, String sha256, Transfer transfer, Integer orientation) {

	static ImageDescriptor of(InputImage image, Transfer transfer) {
		var info = image.info();
		String fileId = (image.origin() instanceof InputImage.Stored stored) ? stored.fileId() : null;
		String url = (image.origin() instanceof InputImage.Fetched fetched) ? fetched.url() : null;
		return new ImageDescriptor(image.index(), image.filename(), fileId, url, image.mimeType(),
				(info != null) ? info.uprightWidth() : null, (info != null) ? info.uprightHeight() : null,
				image.sizeBytes(), image.sha256(), transfer, (info != null) ? info.orientation() : null);
	}

}
