"""Photo checks with real and fake files: content not name, upright, no location."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from pantau.files.photos import THUMB_PX, prepare
from pantau.kernel.errors import InvalidInput

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def _jpeg_with_gps_rotated() -> bytes:
    """A 400x200 JPEG whose EXIF says 'rotate 90°' and carries a GPS position."""
    img = Image.new("RGB", (400, 200), (200, 30, 30))
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # rotate 90° clockwise to view
    exif[0x010F] = "KameraUji"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "S", (6.0, 7.0, 30.0), "E", (106.0, 47.0, 0.0)
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def _image(kind: str, size: tuple[int, int] = (50, 40), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 128 if mode == "L" else (10, 120, 200)).save(out, format=kind)
    return out.getvalue()


def test_orientation_applied_and_location_removed() -> None:
    raw = _jpeg_with_gps_rotated()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(GPS_IFD)  # the input has a position
    photo = prepare(raw, 8)
    stored = Image.open(io.BytesIO(photo.data))
    assert (photo.width, photo.height) == (200, 400) == stored.size  # upright
    exif = stored.getexif()
    assert not exif.get_ifd(GPS_IFD) and ORIENTATION not in exif and 0x010F not in exif
    assert photo.mime == "image/jpeg" and len(photo.sha256) == 64
    thumb = Image.open(io.BytesIO(photo.thumb))
    assert thumb.size == (THUMB_PX // 2, THUMB_PX)


def test_metadata_kept_on_purpose_is_upright_too() -> None:
    photo = prepare(_jpeg_with_gps_rotated(), 8, keep_metadata=True)
    exif = Image.open(io.BytesIO(photo.data)).getexif()
    assert exif.get_ifd(GPS_IFD) and exif[ORIENTATION] == 1


@pytest.mark.parametrize(("kind", "mime"), [("PNG", "image/png"), ("WEBP", "image/webp")])
def test_png_and_webp_are_accepted(kind: str, mime: str) -> None:
    assert prepare(_image(kind), 8).mime == mime


def test_same_content_same_hash() -> None:
    raw = _image("PNG")
    assert prepare(raw, 8).sha256 == prepare(raw, 8).sha256


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "kosong"),
        (b"ini bukan foto, hanya teks yang diberi nama foto.jpg", "bukan foto"),
        (_image("JPEG")[:200], "bukan foto"),  # truncated
        (_image("GIF", mode="L"), "tidak diterima"),
        (_image("BMP"), "tidak diterima"),
    ],
)
def test_bad_files_get_a_clear_message(raw: bytes, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as err:
        prepare(raw, 8)
    assert "photo" in err.value.fields


def test_size_limit() -> None:
    raw = _image("PNG", (800, 800))
    with pytest.raises(InvalidInput, match="terlalu besar"):
        prepare(raw, len(raw) / 1024 / 1024 / 2)


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares `width` x `height` pixels (its pixel data is never reached)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("width", "height"),
    [(1, 59_999_999), (20_000, 20_000), (100_000, 100_000), (12_001, 10)],
)
def test_pixel_bombs_are_refused_from_the_header(width: int, height: int) -> None:
    """A tiny file declaring an absurd size is refused before any pixel is decoded
    (a 1 x 59 999 999 PNG once drove the app to 3 GB; 20 000 x 20 000 raised a traceback)."""
    import tracemalloc

    tracemalloc.start()
    with pytest.raises(InvalidInput, match="Resolusi foto"):
        prepare(_png_header(width, height), 8)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024
