package com.example.visiongateway.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.heif.HeifDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageInspector;
import com.example.visiongateway.support.TestImages;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Width and height from an image in memory: the gateway's {@link ImageInspector} (type
 * sniffing, the format's own header walk, EXIF orientation, the end-of-file check)
 * against metadata-extractor's {@link ImageMetadataReader} (type sniffing, then every
 * directory it knows: Exif, XMP, ICC, ...), on the fixtures and on {@link HostileImages}.
 * A refusal is a result here (the exception is returned), since refusing is what the
 * gateway wants from a lying header. us/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class HeaderParsersBenchmark {

	private static final Map<String, String> TYPES = Map.of("png", "image/png", "jpegExif", "image/jpeg",
			"jpeg4000x3000", "image/jpeg", "webp", "image/webp", "heic", "image/heic", "hostilePng2GB", "image/png",
			"hostileWebp2GB", "image/webp", "jpegApp1Flood16MB", "image/jpeg");

	@Param({ "png", "jpegExif", "jpeg4000x3000", "webp", "heic", "hostilePng2GB", "hostileWebp2GB",
			"jpegApp1Flood16MB" })
	public String input;

	private final ImageInspector inspector = new ImageInspector(100_000_000);

	private byte[] bytes;

	@Setup
	public void setUp() {
		this.bytes = switch (this.input) {
			case "png" -> TestImages.fixture("chelsea.png");
			case "jpegExif" -> TestImages.fixture("rocket-orientation6.jpg");
			case "jpeg4000x3000" -> TestImages.fixture("coffee-4000x3000.jpg");
			case "webp" -> TestImages.fixture("coffee.webp");
			case "heic" -> TestImages.fixture("chelsea.heic");
			case "hostilePng2GB" -> HostileImages.pngClaiming2GbChunk();
			case "hostileWebp2GB" -> HostileImages.webpClaiming2GbChunk();
			case "jpegApp1Flood16MB" -> HostileImages.jpegWithApp1Flood();
			default -> throw new IllegalArgumentException(this.input);
		};
	}

	@Benchmark
	public Object ours() {
		try {
			return this.inspector.inspect(TestImages.source(this.bytes), TYPES.get(this.input));
		}
		catch (VisionException ex) {
			return ex;
		}
	}

	@Benchmark
	public Object metadataExtractor() {
		try {
			return width(ImageMetadataReader.readMetadata(new ByteArrayInputStream(this.bytes), this.bytes.length));
		}
		catch (ImageProcessingException | IOException ex) {
			return ex;
		}
	}

	/** The width from whichever format directory holds it, or -1. */
	static int width(Metadata metadata) {
		for (Directory directory : metadata.getDirectories()) {
			Integer width = null;
			if (directory instanceof JpegDirectory) {
				width = directory.getInteger(JpegDirectory.TAG_IMAGE_WIDTH);
			}
			else if (directory instanceof PngDirectory) {
				width = directory.getInteger(PngDirectory.TAG_IMAGE_WIDTH);
			}
			else if (directory instanceof WebpDirectory) {
				width = directory.getInteger(WebpDirectory.TAG_IMAGE_WIDTH);
			}
			else if (directory instanceof HeifDirectory) {
				width = directory.getInteger(HeifDirectory.TAG_IMAGE_WIDTH);
			}

			if (width != null) {
				return width;
			}
		}
		return -1;
	}

}
