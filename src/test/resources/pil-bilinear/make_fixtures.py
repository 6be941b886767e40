#!/usr/bin/python3
"""Expected outputs for BilinearMaskTests' golden test, made by PIL itself.

Each case is a source mask (8-bit, mode "L") and what Image.resize(size, BILINEAR) makes of it. Run from this
directory with Debian's python3-pil (made with Pillow 9.4.0):  /usr/bin/python3 make_fixtures.py
It rewrites cases.txt: per case one line "name sourceWidth sourceHeight width height", then the source values and
the resized values, row by row, as hex lines.
"""
import math
import random

import PIL
from PIL import Image

BILINEAR = getattr(Image, "Resampling", Image).BILINEAR


def binary(width, height, rng):
    """A model's mask after thresholding: 0 and 255 only, blobs."""
    cx, cy = rng.uniform(0, width), rng.uniform(0, height)
    r = max(width, height) * rng.uniform(0.2, 0.6)
    return [255 if math.hypot(x + 0.5 - cx, (y + 0.5 - cy) * 1.3) < r else 0
            for y in range(height) for x in range(width)]


def soft(width, height, rng):
    """A probability map with gradual edges, as Gemini sends."""
    cx, cy = rng.uniform(0.3, 0.7) * width, rng.uniform(0.3, 0.7) * height
    r = max(1.0, min(width, height) * rng.uniform(0.2, 0.5))
    return [int(255 / (1 + math.exp(4 * (math.hypot(x - cx, y - cy) / r - 1))))
            for y in range(height) for x in range(width)]


def noise(width, height, rng):
    return [rng.randrange(256) for _ in range(width * height)]


CASES = [
    # name, source size, target size, fill
    ("up-odd", (16, 16), (50, 37), soft),
    ("up-binary", (16, 16), (101, 77), binary),
    ("up-large-factor", (3, 4), (97, 61), noise),
    ("down", (64, 64), (21, 13), soft),
    ("down-binary", (64, 48), (17, 29), binary),
    ("down-noise", (63, 41), (20, 9), noise),
    ("down-non-integer", (50, 40), (33, 27), noise),
    ("up-x-down-y", (20, 60), (55, 19), soft),
    ("down-x-up-y", (60, 20), (19, 55), noise),
    ("same-width", (32, 24), (32, 50), soft),
    ("same-height", (24, 32), (50, 32), noise),
    ("same-size", (5, 5), (5, 5), noise),
    ("to-one-pixel", (7, 5), (1, 1), noise),
    ("from-one-pixel", (1, 1), (9, 4), noise),
    ("one-pixel-column", (1, 8), (5, 3), noise),
    ("one-pixel-row", (8, 1), (3, 7), noise),
    ("to-one-row", (13, 9), (13, 1), noise),
    ("to-one-column", (13, 9), (1, 20), soft),
    ("near-integer", (64, 64), (63, 65), binary),
    ("stub-like-disc", (64, 64), (180, 120), binary),
]


def hex_rows(values, width):
    return ["".join("%02x" % v for v in values[i:i + width]) for i in range(0, len(values), width)]


def main():
    rng = random.Random(18)
    lines = ["# PIL %s Image.resize(size, BILINEAR) on mode L; made by make_fixtures.py" % PIL.__version__]
    for name, (sw, sh), (w, h), fill in CASES:
        values = fill(sw, sh, rng)
        source = Image.new("L", (sw, sh))
        source.putdata(values)
        resized = source.resize((w, h), BILINEAR)
        lines.append("%s %d %d %d %d" % (name, sw, sh, w, h))
        lines.extend(hex_rows(values, sw))
        lines.extend(hex_rows(list(resized.getdata()), w))
    with open("cases.txt", "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
