#!/usr/bin/env python3
"""Writes the image fixtures of tests/fixtures/images (Pillow, Debian's python3-pil; the hostile
files by hand with zlib/struct). Run again only to change them: the files are committed.

Usage: scripts/gen-image-fixtures.py [OUTDIR]"""
import io, os, struct, sys, zlib
from PIL import Image, ImageDraw

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "images")
os.makedirs(out, exist_ok=True)

def save(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)

def encoded(img, fmt, **kw):
    b = io.BytesIO()
    img.save(b, fmt, **kw)
    return b.getvalue()

# A "photo": a sky-to-sea gradient with a red sun, 640x400 (wider than the thumbnail's 480).
photo = Image.new("RGB", (640, 400))
d = ImageDraw.Draw(photo)
for y in range(400):
    d.line([(0, y), (639, y)], fill=(40, 90 + y * 100 // 400, 200 - y * 120 // 400) if y < 250 else (10, 40, 120))
d.ellipse([400, 60, 520, 180], fill=(230, 40, 30))
save("photo.jpg", encoded(photo, "JPEG", quality=80))
save("photo-progressive.jpg", encoded(photo, "JPEG", quality=80, progressive=True))
save("photo.webp", encoded(photo, "WEBP", quality=70))
save("photo-cmyk.jpg", encoded(photo.convert("CMYK"), "JPEG", quality=80))

# A "chart": three bars on a transparent background, 300x200.
chart = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
d = ImageDraw.Draw(chart)
for i, (h, c) in enumerate([(60, (220, 60, 60, 255)), (120, (60, 180, 60, 255)), (180, (60, 60, 220, 255))]):
    d.rectangle([20 + i * 100, 199 - h, 80 + i * 100, 199], fill=c)
save("chart.png", encoded(chart, "PNG"))

# A two-frame GIF (only the first is shown: green), interlaced.
frames = [Image.new("RGB", (40, 30), (0, 200, 0)), Image.new("RGB", (40, 30), (200, 0, 0))]
b = io.BytesIO()
frames[0].save(b, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0, interlace=True)
save("animated.gif", b.getvalue())

# Hostile files.
jpg = encoded(photo, "JPEG", quality=80)
save("truncated.jpg", jpg[: len(jpg) // 2])
png = encoded(chart, "PNG")
save("truncated.png", png[: len(png) // 2])
save("not-an-image.jpg", b"<!doctype html><title>404</title><p>Not found</p>\n")

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

def png_file(width, height, rows_of_zeros):
    """A grey PNG whose header says width x height, with `rows_of_zeros` rows of data (all zero)."""
    raw = zlib.compressobj(9)
    data = b""
    row = b"\x00" * (width + 1)
    for _ in range(rows_of_zeros):
        data += raw.compress(row)
    data += raw.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b"")

# Declares 100 000 x 100 000 pixels (10 gigapixels) with almost no data.
save("huge-dimensions.png", png_file(100_000, 100_000, 1))
# A decompression bomb: 20 000 x 20 000 zero pixels (400 MB of pixels) in ~400 KB.
save("bomb.png", png_file(20_000, 20_000, 20_000))
# A GIF whose logical screen is 65535 x 65535 with a 1x1 frame.
gif = bytearray(b"GIF89a" + struct.pack("<HH", 65535, 65535) + bytes([0x80, 0, 0]) + bytes([0, 0, 0, 255, 255, 255]))
gif += b"\x2c" + struct.pack("<HHHH", 0, 0, 1, 1) + b"\x00" + b"\x02\x02\x44\x01\x00" + b"\x3b"
save("huge-screen.gif", bytes(gif))
# A JPEG whose frame header says 65 000 x 65 000 (SOF0 patched in a small real JPEG).
small = bytearray(encoded(Image.new("RGB", (8, 8), (1, 2, 3)), "JPEG"))
i = small.index(b"\xff\xc0")
small[i + 5:i + 9] = struct.pack(">HH", 65000, 65000)
save("huge-dimensions.jpg", bytes(small))
