"""Builds the benchmark's images and pre-built request bodies from the test fixtures.

Usage: make_inputs.py FIXTURES_DIR OUT_DIR [load] [ask COUNT SIZE]

load: for each case NAME (tiny, jpeg100k, png2m, png15m, png25m)
  NAME.img          the image: tiny is a 1 x 1 PNG, jpeg100k is rocket.jpg as it is (112,525 bytes), the others
                    are chelsea.png grown to exactly 2,000,000 / 15,000,000 / 25,000,000 bytes with a private
                    ancillary chunk of random bytes (still a valid 451 x 300 PNG, as TestImages.pngOfSize builds)
  NAME.multipart    the gateway's caption request: one 'images' part
  NAME.undelayed.multipart  the same naming model gemini-3.5-flash-lite, which the canned upstream never delays
                    (bench/nginx_conf.py): the concurrency benchmark warms the gateway up with it
  NAME.json         the generateContent body the gateway sends upstream for it (base64 inline image + prompt)
ask COUNT SIZE: ask.multipart, one 'question' and COUNT distinct PNGs of exactly SIZE bytes each
Prints the content type of the multipart bodies.
"""
import base64
import json
import random
import struct
import sys
import zlib
from pathlib import Path

BOUNDARY = "vgbench0boundary7MA4YWxkTrZu0gW"
CAPTION_PROMPT = "Write a short, factual caption for this image in one sentence."
# Answered at once by the canned upstream even when it delays every other model (nginx_conf.py).
UNDELAYED_MODEL = "gemini-3.5-flash-lite"


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def tiny_png() -> bytes:
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def png_of_size(base: bytes, size: int, rng: random.Random) -> bytes:
    """base grown to exactly size bytes with a 'vgPd' chunk before IEND (12 bytes of chunk framing)."""
    padding = size - len(base) - 12
    if padding < 0:
        raise SystemExit(f"cannot grow a {len(base)}-byte PNG to {size} bytes")
    out = base[:-12] + chunk(b"vgPd", rng.randbytes(padding)) + base[-12:]
    assert len(out) == size
    return out


def file_part(name: str, filename: str, mime: str, data: bytes) -> bytes:
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
            f"Content-Type: {mime}\r\n\r\n").encode()
    return head + data + b"\r\n"


def text_part(name: str, value: str) -> bytes:
    return (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").encode()


def closing() -> bytes:
    return f"--{BOUNDARY}--\r\n".encode()


def generate_content_body(mime: str, data: bytes) -> bytes:
    head = ('{"contents":[{"role":"user","parts":[{"inlineData":{"mimeType":"%s","data":"' % mime).encode()
    tail = ('"}},{"text":%s}]}]}' % json.dumps(CAPTION_PROMPT)).encode()
    return head + base64.b64encode(data) + tail


def load_cases(fixtures: Path, out: Path) -> None:
    chelsea = (fixtures / "chelsea.png").read_bytes()
    rng = random.Random(20261125)
    cases = {
        "tiny": ("image/png", "tiny.png", tiny_png()),
        "jpeg100k": ("image/jpeg", "rocket.jpg", (fixtures / "rocket.jpg").read_bytes()),
        "png2m": ("image/png", "chelsea-2m.png", png_of_size(chelsea, 2_000_000, rng)),
        "png15m": ("image/png", "chelsea-15m.png", png_of_size(chelsea, 15_000_000, rng)),
        "png25m": ("image/png", "chelsea-25m.png", png_of_size(chelsea, 25_000_000, rng)),
    }
    sizes = {}
    for name, (mime, filename, data) in cases.items():
        (out / f"{name}.img").write_bytes(data)
        (out / f"{name}.multipart").write_bytes(file_part("images", filename, mime, data) + closing())
        (out / f"{name}.undelayed.multipart").write_bytes(
            text_part("model", UNDELAYED_MODEL) + file_part("images", filename, mime, data) + closing())
        (out / f"{name}.json").write_bytes(generate_content_body(mime, data))
        sizes[name] = len(data)
    (out / "sizes.json").write_text(json.dumps(sizes))


def ask_case(fixtures: Path, out: Path, count: int, size: int) -> None:
    base = tiny_png()
    rng = random.Random(3600)
    with open(out / "ask.multipart", "wb") as body:
        body.write(text_part("question", "What do these pictures have in common?"))
        for i in range(count):
            body.write(file_part("images", f"img-{i:04d}.png", "image/png", png_of_size(base, size, rng)))
        body.write(closing())


def main() -> None:
    fixtures, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    args = sys.argv[3:] or ["load"]
    while args:
        what = args.pop(0)
        if what == "load":
            load_cases(fixtures, out)
        elif what == "ask":
            ask_case(fixtures, out, int(args.pop(0)), int(args.pop(0)))
        else:
            raise SystemExit(f"unknown input set {what}")
    print(f"multipart/form-data; boundary={BOUNDARY}")


if __name__ == "__main__":
    main()
