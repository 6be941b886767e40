package com.example.visiongateway.multipart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.budget.Reservation;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.multipart.MultipartFile;

/**
 * The parts of one request, in arrival order: files by name, text values by name, and
 * what each text part declared; with the heap it holds for names and text (each file part
 * holds its own bytes).
 */
final class ParsedMultipart {

	private final Reservation heap;

	private final MultiValueMap<String, MultipartFile> files = new LinkedMultiValueMap<>();

	private final Map<String, List<String>> texts = new LinkedHashMap<>();

	private final Map<String, String> textContentTypes = new LinkedHashMap<>();

	private final List<StreamedPart> parts = new ArrayList<>();

	/**
	 * @param heap the request's own heap reservation, given back on {@link #release()}
	 */
	ParsedMultipart(Reservation heap) {
		this.heap = heap;
	}

	void addFile(StreamedPart part) {
		this.parts.add(part);
		this.files.add(part.getName(), part);
	}

	void addText(PartHeaders headers, String value) {
		this.texts.computeIfAbsent(headers.name(), (name) -> new ArrayList<>()).add(value);
		if (headers.contentType() != null) {
			this.textContentTypes.putIfAbsent(headers.name(), headers.contentType());
		}
	}

	MultiValueMap<String, MultipartFile> files() {
		return this.files;
	}

	Map<String, String[]> parameters() {
		Map<String, String[]> parameters = new LinkedHashMap<>();
		this.texts.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
		return parameters;
	}

	Map<String, String> parameterContentTypes() {
		return this.textContentTypes;
	}

	List<StreamedPart> parts() {
		return this.parts;
	}

	/**
	 * Deletes the temp files and gives back heap and disk; safe to call more than once.
	 */
	void release() {
		this.parts.forEach(StreamedPart::release);
		this.heap.close();
	}

}
