package com.example.visiongateway.task;

import java.util.List;
import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageDigest;
import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.image.ImageInspector;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.observability.VisionMetrics;
import com.example.visiongateway.task.VisionInputs.Upload;

import org.springframework.stereotype.Component;

/**
 * Checks an uploaded image from its bytes and fingerprints it, before anything goes
 * upstream.
 */
@Component
public class Intake {

	private final ImageInspector inspector;

	private final ImageLimits limits;

	private final VisionMetrics metrics;

	public Intake(ImageLimits limits, VisionMetrics metrics) {
		this.limits = limits;
		this.metrics = metrics;
		this.inspector = new ImageInspector(limits.maxPixels());
	}

	/** The image's facts, or a {@link VisionException} naming its index. */
	public InputImage check(int index, Upload upload) {
		try {
			long size = upload.bytes().size();
			long limit = this.limits.maxImageSize().toBytes();
			if (size > limit) {
				throw new VisionException(ErrorCode.PAYLOAD_TOO_LARGE,
						"Image of " + size + " bytes is over the limit of " + limit + " bytes.",
						Map.of("limit", limit, "actual", size));
			}
			ImageInfo info = this.inspector.inspect(upload.bytes(), upload.declaredType());
			String sha256 = ImageDigest.sha256Hex(upload.bytes());
			this.metrics.imageBytes(info.type().mimeType(), size);
			InputImage.Payload payload = new InputImage.Payload(upload.bytes(), info, sha256);
			InputImage.Origin origin = (upload.url() != null)
					? new InputImage.Fetched(upload.url(), upload.bytes(), payload)
					: new InputImage.Uploaded(upload.bytes(), payload);
			return new InputImage(index, upload.filename(), origin, info, info.type().mimeType(), size, sha256,
					List.of());
		}
		catch (VisionException ex) {
			throw ex.forImage(index);
		}
	}

}
