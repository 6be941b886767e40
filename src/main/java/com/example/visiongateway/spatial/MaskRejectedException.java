package com.example.visiongateway.spatial;

/** A mask that cannot be used; the message says why, for the caller's warnings. */
final class MaskRejectedException extends RuntimeException {

	MaskRejectedException(String reason) {
		super(reason, null, false, false);
	}

}
