package com.example.visiongateway.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;

import com.example.visiongateway.budget.Reservation;

/**
 * Reads a multipart/form-data body in one pass over a fixed buffer: file parts stream
 * into {@link PartWriter}s (heap or temp file, SHA-256 on the way), text parts into
 * strings, every limit enforced as the bytes arrive so an endless or oversized body is
 * refused without being read to its end, and a body that takes longer than its timeout is
 * refused with 408 as soon as a read returns past it, or when the container's socket read
 * timeout ends a read of a body that went silent. Everything the request holds on the
 * heap is charged to the heap budget: the read buffer while reading, part names,
 * filenames and text until the request ends. Delimiters are found with
 * {@link DelimiterSearch}.
 */
final class MultipartReader {

	private static final int MAX_BUFFER_SIZE = 64 * 1024;

	private static final byte CR = '\r';

	private static final byte LF = '\n';

	/**
	 * Objects, map entries and arrays around each part's name and filename, charged
	 * besides their characters.
	 */
	private static final int PART_OVERHEAD = 256;

	private final InputStream in;

	private final DelimiterSearch delimiter;

	private final MultipartLimits limits;

	private final BodyBudgets budgets;

	private final Reservation heap;

	private final Executor spooler;

	private final Duration timeout;

	private final long deadline;

	private final byte[] buffer;

	/** Unconsumed bytes are buffer[position, limit). */
	private int position;

	private int limit;

	private boolean ended;

	private long received;

	private long textBytes;

	/**
	 * @param declaredLength the body's Content-Length, or -1: a small body gets a small
	 * buffer
	 * @param timeout how long, from now, the whole body may take to arrive
	 * @throws com.example.visiongateway.error.VisionException {@code OVERLOADED} when the
	 * heap budget has no room for the read buffer
	 */
	MultipartReader(InputStream in, long declaredLength, byte[] boundary, MultipartLimits limits, BodyBudgets budgets,
			Executor spooler, Duration timeout) {
		this.in = in;
		byte[] pattern = new byte[boundary.length + 4];
		pattern[0] = CR;
		pattern[1] = LF;
		pattern[2] = '-';
		pattern[3] = '-';
		System.arraycopy(boundary, 0, pattern, 4, boundary.length);
		this.delimiter = new DelimiterSearch(pattern);
		this.limits = limits;
		this.budgets = budgets;
		this.spooler = spooler;
		this.timeout = timeout;
		this.deadline = System.nanoTime() + timeout.toNanos();
		int needed = limits.maxPartHeaderSize() + 2 * pattern.length + 8;
		int wanted = (declaredLength >= 0 && declaredLength < MAX_BUFFER_SIZE) ? (int) declaredLength + 2
				: MAX_BUFFER_SIZE;
		int size = Math.max(needed, wanted);
		this.heap = budgets.heapReservation();
		this.heap.add(size);
		this.buffer = new byte[size];
		// The body reads as if it began with CRLF, so the first delimiter is found like
		// every other one.
		this.buffer[0] = CR;
		this.buffer[1] = LF;
		this.limit = 2;
	}

	/**
	 * @return every part up to the closing delimiter (what follows it is ignored, as RFC
	 * 2046 says)
	 * @throws com.example.visiongateway.error.VisionException when the body is malformed
	 * or over a limit
	 * @throws IOException when the body cannot be read (the caller went away, say)
	 */
	ParsedMultipart read() throws IOException {
		ParsedMultipart parsed = new ParsedMultipart(this.heap);
		try {
			skipPreamble();
			int parts = 0;
			while (!atClosingDelimiter()) {
				if (++parts > this.limits.maxParts()) {
					throw MultipartProblems.tooManyParts(this.limits.maxParts());
				}
				PartHeaders headers = PartHeaders.parse(readHeaderBlock());
				this.heap.add(heldFor(headers));
				if (headers.isFile()) {
					parsed.addFile(readFile(headers));
				}
				else {
					parsed.addText(headers, readText(headers));
				}
			}
			// the buffer is dropped with the reader
			this.heap.give(this.buffer.length);
			return parsed;
		}
		catch (IOException | RuntimeException ex) {
			parsed.release();
			throw ex;
		}
	}

	/**
	 * Heap a part's headers keep until the request ends: its name and filename, two bytes
	 * a character at most.
	 */
	private static long heldFor(PartHeaders headers) {
		long characters = headers.name().length() + ((headers.filename() != null) ? headers.filename().length() : 0)
				+ ((headers.contentType() != null) ? headers.contentType().length() : 0);
		return PART_OVERHEAD + 2 * characters;
	}

	private void skipPreamble() throws IOException {
		int at;
		while ((at = this.delimiter.find(this.buffer, this.position, this.limit)) < 0) {
			this.position = Math.max(this.position, this.limit - (this.delimiter.length() - 1));
			if (!fill()) {
				throw MultipartProblems.malformed("the boundary from the Content-Type never occurs");
			}
		}
		this.position = at + this.delimiter.length();
	}

	/**
	 * After a delimiter: {@code --} ends the body; otherwise optional padding and CRLF
	 * start the next part.
	 */
	private boolean atClosingDelimiter() throws IOException {
		if (!available(2)) {
			throw MultipartProblems.malformed("it ends without its closing boundary");
		}
		if (this.buffer[this.position] == '-' && this.buffer[this.position + 1] == '-') {
			return true;
		}
		while (available(1) && (this.buffer[this.position] == ' ' || this.buffer[this.position] == '\t')) {
			this.position++;
		}
		if (!available(2) || this.buffer[this.position] != CR || this.buffer[this.position + 1] != LF) {
			throw MultipartProblems.malformed("a boundary line does not end with CRLF");
		}
		this.position += 2;
		return false;
	}

	/**
	 * The header lines up to the blank line that ends them (excluded); empty when the
	 * part has no headers.
	 */
	private String readHeaderBlock() throws IOException {
		int max = this.limits.maxPartHeaderSize();
		while (true) {
			if (this.limit - this.position >= 2 && this.buffer[this.position] == CR
					&& this.buffer[this.position + 1] == LF) {
				this.position += 2;
				return "";
			}
			int end = indexOfBlankLine(this.position, Math.min(this.limit, this.position + max + 4));
			if (end >= 0) {
				String block = new String(this.buffer, this.position, end - this.position, StandardCharsets.UTF_8);
				this.position = end + 4;
				return block;
			}
			if (this.limit - this.position >= max + 4) {
				throw MultipartProblems.headersTooLarge(max);
			}
			if (!fill()) {
				throw MultipartProblems.malformed("it ends inside the headers of a part");
			}
		}
	}

	private int indexOfBlankLine(int from, int to) {
		for (int i = from; i + 3 < to; i++) {
			if (this.buffer[i] == CR && this.buffer[i + 1] == LF && this.buffer[i + 2] == CR
					&& this.buffer[i + 3] == LF) {
				return i;
			}
		}
		return -1;
	}

	private StreamedPart readFile(PartHeaders headers) throws IOException {
		PartWriter writer = new PartWriter(headers, this.budgets, this.limits.inMemoryPartSize(), this.spooler);
		try {
			copyBody(headers, (bytes, offset, length) -> {
				if (writer.size() + length > this.limits.maxFileSize()) {
					throw MultipartProblems.fileTooLarge(headers.name(), this.limits.maxFileSize());
				}
				writer.write(bytes, offset, length);
			});
			return writer.finish();
		}
		catch (IOException | RuntimeException ex) {
			writer.abandon();
			throw ex;
		}
	}

	private String readText(PartHeaders headers) throws IOException {
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		copyBody(headers, (bytes, offset, length) -> {
			if (text.size() + (long) length > this.limits.maxTextPartSize()) {
				throw MultipartProblems.textPartTooLarge(headers.name(), this.limits.maxTextPartSize());
			}
			this.textBytes += length;
			if (this.textBytes > this.limits.maxTextSize()) {
				throw MultipartProblems.textTooLarge(this.limits.maxTextSize());
			}
			// kept as a String (up to two bytes a character) until the request ends
			this.heap.add(2L * length);
			text.write(bytes, offset, length);
		});
		return text.toString(headers.charset());
	}

	/** Hands the part's bytes to the sink up to the next delimiter and moves past it. */
	private void copyBody(PartHeaders headers, Sink sink) throws IOException {
		int keep = this.delimiter.length() - 1;
		while (true) {
			int at = this.delimiter.find(this.buffer, this.position, this.limit);
			if (at >= 0) {
				sink.accept(this.buffer, this.position, at - this.position);
				this.position = at + this.delimiter.length();
				return;
			}
			// The last bytes may be the start of a delimiter: they wait for the next
			// read.
			int safe = this.limit - keep;
			if (safe > this.position) {
				sink.accept(this.buffer, this.position, safe - this.position);
				this.position = safe;
			}
			if (!fill()) {
				throw MultipartProblems
					.malformed("it ends inside part '" + MultipartProblems.echoed(headers.name()) + "'");
			}
		}
	}

	private boolean available(int count) throws IOException {
		while (this.limit - this.position < count) {
			if (!fill()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Moves the unconsumed bytes to the front and reads until the buffer is full or the
	 * body ends.
	 */
	private boolean fill() throws IOException {
		if (this.ended) {
			return false;
		}
		if (this.position > 0) {
			System.arraycopy(this.buffer, this.position, this.buffer, 0, this.limit - this.position);
			this.limit -= this.position;
			this.position = 0;
		}
		int wanted = this.buffer.length - this.limit;
		int count = 0;
		while (count < wanted) {
			int read = readBeforeDeadline(this.limit + count, wanted - count);
			if (read < 0) {
				this.ended = true;
				break;
			}
			count += read;
		}
		this.received += count;
		if (this.received > this.limits.maxRequestSize()) {
			throw MultipartProblems.requestTooLarge(this.limits.maxRequestSize());
		}
		this.limit += count;
		return count > 0;
	}

	/**
	 * One read of the socket, refused once the body has taken longer than its timeout.
	 */
	private int readBeforeDeadline(int offset, int length) throws IOException {
		if (System.nanoTime() - this.deadline > 0) {
			throw MultipartProblems.timedOut(this.timeout);
		}
		try {
			return this.in.read(this.buffer, offset, length);
		}
		catch (IOException ex) {
			if (System.nanoTime() - this.deadline > 0 || silent(ex)) {
				throw MultipartProblems.timedOut(this.timeout);
			}
			throw ex;
		}
	}

	/**
	 * A body that stopped arriving: the container's socket read timeout ended the read.
	 */
	private static boolean silent(IOException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/** Where a part's bytes go. */
	@FunctionalInterface
	private interface Sink {

		void accept(byte[] bytes, int offset, int length) throws IOException;

	}

}
