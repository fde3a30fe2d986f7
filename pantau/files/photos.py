"""Photo evidence: checked by content, turned upright, stripped of metadata, stored
once by content hash with a thumbnail.

A file is accepted when Pillow reads it as JPEG, PNG or WebP, whatever its name
says. Location and camera metadata are removed unless the caller keeps them on
purpose (`keep_metadata`), and the orientation is applied to the pixels.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb
from PIL import Image, ImageOps, UnidentifiedImageError

from pantau.kernel.errors import InvalidInput, msg
from pantau.store import Database
from pantau.store import photos as photo_store

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
THUMB_PX = 320
MAX_PIXELS = 50_000_000  # a 50-megapixel image is already far more than evidence needs
MAX_SIDE = 12_000  # no camera makes a longer side; a 1 x 50 000 000 "photo" is an attack
ROLES = ("sebelum", "sesudah", "bukti")


@dataclass(frozen=True)
class Photo:
    sha256: str
    mime: str
    width: int
    height: int
    data: bytes
    thumb: bytes


def _too_large() -> InvalidInput:
    return InvalidInput("err_photo_resolution", {"photo": msg("err_field_photo_megapixels")})


def _check_size(width: int, height: int) -> None:
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise _too_large()


def prepare(raw: bytes, max_mb: float, *, keep_metadata: bool = False) -> Photo:
    """Validate and normalise an upload. Raises InvalidInput with a message to act on."""
    if not raw:
        raise InvalidInput("err_photo_empty", {"photo": msg("err_field_photo_again")})
    if len(raw) > max_mb * 1024 * 1024:
        raise InvalidInput(
            "err_photo_too_big",
            {"photo": msg("err_field_photo_smaller")},
            size=f"{len(raw) / 1024 / 1024:.1f}",
            limit=f"{max_mb:g}",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(raw))
            kind = probe.format
            _check_size(*probe.size)  # from the header, before any pixel is decoded
            probe.verify()
            image = Image.open(io.BytesIO(raw))
            _check_size(image.width, image.height)
            image.load()
    except InvalidInput:
        raise
    except Image.DecompressionBombError as exc:
        raise _too_large() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Warning) as exc:
        raise InvalidInput(
            "err_photo_broken",
            {"photo": msg("err_field_photo_pick")},
        ) from exc
    if kind not in FORMATS:
        raise InvalidInput(
            "err_photo_format",
            {"photo": msg("err_field_photo_jpeg")},
            kind=kind,
        )
    exif = image.getexif()
    upright = ImageOps.exif_transpose(image) or image
    out = io.BytesIO()
    options: dict[str, object] = {}
    if kind in ("JPEG", "WEBP"):
        options["quality"] = 88
        if upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
    if keep_metadata and len(exif):
        exif[0x0112] = 1  # the pixels are upright now
        options["exif"] = exif.tobytes()
    upright.save(out, format=kind, **options)  # without exif unless kept: no location
    data = out.getvalue()
    small = upright.copy()
    small.thumbnail((THUMB_PX, THUMB_PX))
    if small.mode not in ("RGB", "L"):
        small = small.convert("RGB")
    thumb = io.BytesIO()
    small.save(thumb, format="JPEG", quality=80)
    return Photo(
        sha256=hashlib.sha256(data).hexdigest(),
        mime=FORMATS[kind],
        width=upright.width,
        height=upright.height,
        data=data,
        thumb=thumb.getvalue(),
    )


def attach(
    cur: duckdb.DuckDBPyConnection,
    photo: Photo,
    record_type: str,
    record_id: int,
    role: str,
    user_id: int | None,
    at: datetime,
) -> None:
    """Store (once) and link a prepared photo; call inside the record's transaction."""
    if role not in ROLES:
        raise ValueError(f"unknown photo role {role!r}")
    photo_store.store(
        cur, photo.sha256, photo.mime, photo.width, photo.height, photo.data, photo.thumb,
        user_id, at,
    )  # fmt: skip
    photo_store.link(cur, record_type, record_id, photo.sha256, role, at)


def of_record(db: Database, record_type: str, record_id: int) -> list[dict[str, Any]]:
    """The photos of one record (sha256, role, created_at …), oldest first."""
    return photo_store.for_record(db.cursor(), record_type, record_id)


def thumbnail(db: Database, sha256: str) -> bytes | None:
    """The small JPEG of a stored photo, or None when it is gone."""
    return photo_store.image(db.cursor(), sha256, thumb=True)
