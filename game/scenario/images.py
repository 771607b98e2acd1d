"""Is an image a case refers to really a usable image? Read from its bytes, never by its name alone.

A PNG, JPEG or SVG must be what its name says, whole (not cut off halfway a download), and of a
sensible size: at most ``MAX_BYTES`` on disk and ``MAX_SIDE`` pixels wide and high, so that a
table's old laptop can show it. The headers are read here in plain Python (the scenario layer
never loads pygame); an SVG is parsed as XML with every entity declaration refused, so a file
can neither fetch anything from elsewhere nor blow up in memory.
"""
from __future__ import annotations

import os
import re
import stat
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 8000
KIND_OF_SUFFIX = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".svg": "SVG"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
# Start-of-frame markers of JPEG that carry the size (all but DHT C4, JPG C8 and DAC CC).
JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
OTHER_KINDS = ((PNG_SIGNATURE, "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"BM", "BMP"),
               (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"%PDF", "PDF"))
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Pixels per unit of an SVG length (CSS: 96 pixels to the inch).
SVG_UNITS = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}
SVG_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-z]*)\s*$")


@dataclass(frozen=True)
class ImageFault:
    """Why an image cannot be used: a problem code, a hint variant and the parameters of the message."""

    code: str
    variant: str = ""
    params: dict = field(default_factory=dict)


class _Broken(Exception):
    """The bytes are not the image they claim to be; the argument is the hint variant."""


def image_fault(path: Path) -> ImageFault | None:
    """What is wrong with the image file at ``path`` (an existing file inside the library), or None."""
    kind = KIND_OF_SUFFIX[path.suffix.lower()]
    params = {"kind": kind, "suffix": path.suffix}
    try:
        size, data = _read_regular_file(path)
    except OSError:
        return ImageFault("IMAGE_BROKEN", "unreadable", params)
    if max(size, len(data)) > MAX_BYTES:
        return ImageFault("IMAGE_TOO_LARGE", "bytes", {**params, "size": f"{max(size, len(data)) / 2 ** 20:.1f} MB"})
    found = _kind_of(data)
    if found not in (kind, None):
        return ImageFault("IMAGE_BROKEN", "other_kind", {**params, "found": found})
    try:
        width, height = {"PNG": _png_size, "JPEG": _jpeg_size, "SVG": _svg_size}[kind](data)
    except _Broken as broken:
        return ImageFault("IMAGE_BROKEN", str(broken.args[0]) if broken.args else "", params)
    if max(width, height) > MAX_SIDE:
        return ImageFault("IMAGE_TOO_LARGE", "pixels", {**params, "size": f"{width:.0f} × {height:.0f} pixels"})
    return None


def _read_regular_file(path: Path) -> tuple[int, bytes]:
    """The size of a regular file and its bytes (none when it is too large, at most ``MAX_BYTES`` + 1 if it grew);
    OSError for anything else, such as a pipe or a device, which is never waited on or read without end."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"not a regular file: {path}")
        return info.st_size, b"" if info.st_size > MAX_BYTES else handle.read(MAX_BYTES + 1)


def _kind_of(data: bytes) -> str | None:
    """The kind of image the first bytes show (None when they show none we know, or an SVG: that is text)."""
    for magic, kind in OTHER_KINDS:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP"
    return None


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the header chunk; the header's checksum and the end chunk must be there."""
    if not data.startswith(PNG_SIGNATURE) or len(data) < 33:
        raise _Broken()
    length, chunk = struct.unpack(">I4s", data[8:16])
    header, checksum = data[12:29], struct.unpack(">I", data[29:33])[0]
    if length != 13 or chunk != b"IHDR" or zlib.crc32(header) != checksum:
        raise _Broken()
    if not data.endswith(PNG_END):
        raise _Broken("cut_off")
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise _Broken()
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Width and height from the start-of-frame segment; the image data must end with its end marker."""
    if not data.startswith(b"\xff\xd8"):
        raise _Broken()
    position, size = 2, None
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise _Broken()
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        if marker in JPEG_FRAMES and position + 9 <= len(data):
            height, width = struct.unpack(">HH", data[position + 5:position + 9])
            size = (width, height)
        if marker == 0xDA:  # start of scan: the picture itself follows, up to the end marker
            if size is None or not all(size):
                raise _Broken()
            if b"\xff\xd9" not in data[position:]:
                raise _Broken("cut_off")
            return size
        position += 2 + length
    raise _Broken("cut_off")


def _svg_size(data: bytes) -> tuple[float, float]:
    """The drawing's size in pixels, from width and height or else its viewBox (without one it cannot be shown);
    the whole file must be well-formed XML whose root is <svg>, without entity declarations."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root: dict[str, str] = {}

    def start(name: str, attributes: dict[str, str]) -> None:
        if not root:
            root.update(attributes, **{" name": name})

    def refuse_entity(*_args) -> None:
        raise _Broken("svg_unsafe")

    parser.StartElementHandler = start
    parser.EntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_entity
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        raise _Broken() from None
    if root.get(" name") not in (f"{SVG_NAMESPACE} svg", "svg"):
        raise _Broken("svg_root")
    box = root.get("viewBox", "").replace(",", " ").split()
    width = _svg_length(root.get("width")) or (_number(box[2]) if len(box) == 4 else 0.0)
    height = _svg_length(root.get("height")) or (_number(box[3]) if len(box) == 4 else 0.0)
    if not width or not height:
        raise _Broken("svg_size")
    return width, height


def _svg_length(value: str | None) -> float:
    """An SVG length in pixels; 0 for none, a percentage or a unit that depends on the text (em)."""
    match = SVG_LENGTH.match(value or "")
    return float(match.group(1)) * SVG_UNITS[match.group(2)] if match and match.group(2) in SVG_UNITS else 0.0


def _number(text: str) -> float:
    try:
        return abs(float(text))
    except ValueError:
        return 0.0
