#!/usr/bin/env python3
"""Draws the app icons (two linked rings, つなぐ = "to connect") as PNGs.

Pure Python so it runs anywhere; the PNGs are committed and only need redrawing
when the design changes: python3 scripts/make-icons.py
"""
import math
import struct
import zlib
from pathlib import Path

GREEN = (0x2F, 0x6F, 0x5E)
WHITE = (0xFF, 0xFF, 0xFF)
OUT = Path(__file__).resolve().parent.parent / "public" / "icons"


def coverage(x, y, size, full_bleed):
    """(background, ring) coverage of one sample point in unit coordinates."""
    u, v = x / size, y / size
    if full_bleed:
        bg = 1.0
        scale = 0.62  # keep the rings inside the maskable safe zone (80% circle)
    else:
        r = 0.2  # rounded square corners
        dx = max(r - u, 0, u - (1 - r))
        dy = max(r - v, 0, v - (1 - r))
        bg = 1.0 if dx * dx + dy * dy <= r * r else 0.0
        scale = 0.78
    cu, cv = (u - 0.5) / scale + 0.5, (v - 0.5) / scale + 0.5
    ring = 0.0
    for cx in (0.36, 0.64):
        d = math.hypot(cu - cx, cv - 0.5)
        if 0.17 <= d <= 0.25:
            ring = 1.0
    return bg, ring * bg


def draw(size, full_bleed):
    ss = 3  # supersampling for smooth edges
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            bg = ring = 0.0
            for sy in range(ss):
                for sx in range(ss):
                    b, r = coverage(x + (sx + 0.5) / ss, y + (sy + 0.5) / ss, size, full_bleed)
                    bg += b
                    ring += r
            bg /= ss * ss
            ring /= ss * ss
            colour = [round(g * (1 - ring / bg) + w * (ring / bg)) if bg else 0 for g, w in zip(GREEN, WHITE)]
            row += bytes(colour + [round(bg * 255)])
        rows.append(bytes(row))
    return png(size, size, b"".join(rows))


def png(w, h, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, bleed in [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
        ("apple-touch-icon.png", 180, True),
    ]:
        (OUT / name).write_bytes(draw(size, bleed))
        print(name)
