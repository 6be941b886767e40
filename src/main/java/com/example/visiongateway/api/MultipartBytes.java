package com.example.visiongateway.api;

import java.io.IOException;
import java.io.InputStream;

import com.example.visiongateway.io.ByteSource;

import org.springframework.web.multipart.MultipartFile;

/** A multipart part as re-readable bytes: small parts live in memory, larger ones in the container's temp file. */
record MultipartBytes(MultipartFile file) implements ByteSource {

	@Override
	public long size() {
		return this.file.getSize();
	}

	@Override
	public InputStream openStream() throws IOException {
		return this.file.getInputStream();
	}

}
