"""Settings, read from the environment. Every variable is documented in README.md
(a test checks that), with its default here."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pantau.city.seam import DEFAULT_CITY, city
from pantau.kernel.errors import BadSetting, InvalidInput

ROOT = Path(__file__).resolve().parents[2]

# name -> (default, one-line description). README.md documents each of these.
ENV_VARS: dict[str, tuple[str, str]] = {
    "PANTAU_DB": (
        "data/pantau.duckdb",
        "path of the DuckDB file (relative to the project root), or a postgresql:// URL",
    ),
    "PANTAU_LANG": ("id", "default UI language: id (Bahasa Indonesia) or en"),
    "PANTAU_DEMO": ("1", "1 = demo mode (sample data, demo accounts listed); 0 = production"),
    "PANTAU_SAMPLE": ("1", "1 = fill a new database with the labelled sample data on first start"),
    "PANTAU_TILES": ("osm", "base map tiles: osm, or none for a room without internet"),
    "PANTAU_GAP_TOLERANCE_M": (
        "250",
        "a point this close to a kelurahan but in no polygon joins it",
    ),
    "PANTAU_POCKET_RADIUS_M": ("50", "reports within this distance form one genangan pocket"),
    "PANTAU_PHOTO_MAX_MB": ("8", "largest photo upload, in megabytes"),
    "PANTAU_SESSION_MINUTES": ("60", "log out after this many minutes without activity"),
    "PANTAU_SLA_RESPONSE_HOURS": ("24", "a genangan report needs a first response within this"),
    "PANTAU_SLA_FOLLOWUP_DAYS": ("7", "a genangan report needs its follow-up within this"),
    "PANTAU_WILAYAH": (
        DEFAULT_CITY,
        "the wilayah a new database serves: a kota code or name, or 31 for all of DKI",
    ),
    "PANTAU_LIVE_SECONDS": (
        "3",
        "how often an open screen checks for saves made elsewhere (more: less server load)",
    ),
    "PANTAU_NOW": (
        "",
        "freeze the clock at this ISO time in UTC (tests, demos); empty = the real clock",
    ),
}


def _env(name: str) -> str:
    return os.environ.get(name, ENV_VARS[name][0]).strip()


def _number(name: str) -> float:
    raw = _env(name)
    try:
        value = float(raw)
    except ValueError:
        raise BadSetting(f"{name}={raw!r} bukan angka.") from None
    if value <= 0:
        raise BadSetting(f"{name} harus lebih dari 0 (sekarang {raw}).")
    return value


def _flag(name: str) -> bool:
    raw = _env(name).lower()
    if raw in {"1", "true", "yes", "ya"}:
        return True
    if raw in {"0", "false", "no", "tidak"}:
        return False
    raise BadSetting(f"{name}={raw!r}: gunakan 1 atau 0.")


@dataclass(frozen=True)
class Settings:
    db_path: Path | str  # a DuckDB file, or a postgresql:// URL
    lang: str = "id"
    demo: bool = True
    sample: bool = True
    tiles: str = "osm"
    gap_tolerance_m: float = 250.0
    pocket_radius_m: float = 50.0
    photo_max_bytes: int = 8 * 1024 * 1024
    session_minutes: float = 60.0
    sla_response_hours: float = 24.0
    sla_followup_days: float = 7.0
    wilayah: str = DEFAULT_CITY
    live_seconds: float = 3.0
    extra: dict[str, str] = field(default_factory=dict)


# "scheme://..." or "scheme:..." as database URLs are written (postgresql://, sqlite:///,
# duckdb:...); a Windows drive ("C:\\data") is a path.
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]+):(?://)?")
_CREDENTIALS = re.compile(r"(//[^/:@]*:)[^@/]*@")


SERVER_SCHEMES = ("postgresql", "postgres")


def is_server_url(raw: str | Path) -> bool:
    """True for a PostgreSQL URL (postgresql://user:password@host:port/database)."""
    m = _URL.match(str(raw).strip())
    return m is not None and m.group("scheme").lower() in SERVER_SCHEMES and "://" in str(raw)


def hide_password(raw: str) -> str:
    """A database URL with its password replaced by *** (for messages)."""
    return _CREDENTIALS.sub(r"\1***@", raw.strip())


def refuse_url(raw: str, where: str) -> None:
    """Raise BadSetting when `raw` is a database URL Pantau does not speak (sqlite://…,
    mysql://…) rather than a path: it would otherwise be taken for a folder name and a
    DuckDB file made under it. A DuckDB file path and a postgresql:// URL are accepted.
    The password of a URL is never repeated in the message."""
    m = _URL.match(raw.strip())
    if m and raw.strip() != ":memory:" and not is_server_url(raw):
        shown = hide_password(raw)
        raise BadSetting(
            f"{where}={shown}: alamat basis data {m.group('scheme')}:// belum didukung. "
            "Tulis jalur berkas DuckDB, mis. data/pantau.duckdb, atau alamat PostgreSQL "
            "postgresql://pengguna:sandi@host:5432/nama."
        )


def database_path(raw: str) -> Path | str:
    """The DuckDB file PANTAU_DB names (relative to the project root), ":memory:", or a
    postgresql:// URL (kept as written)."""
    refuse_url(raw, "PANTAU_DB")
    if is_server_url(raw):
        return raw.strip()
    db = Path(raw)
    if not db.is_absolute() and str(db) != ":memory:":
        db = ROOT / db
    return db


def load_settings() -> Settings:
    """Read settings from the environment.

    Raises BadSetting (an InvalidInput) naming the variable when a value is malformed.
    """
    db = database_path(_env("PANTAU_DB"))
    lang = _env("PANTAU_LANG").lower()
    if lang not in {"id", "en"}:
        raise BadSetting(f"PANTAU_LANG={lang!r}: gunakan id atau en.")
    tiles = _env("PANTAU_TILES").lower()
    if tiles not in {"osm", "none"}:
        raise BadSetting(f"PANTAU_TILES={tiles!r}: gunakan osm atau none.")
    return Settings(
        db_path=db,
        lang=lang,
        demo=_flag("PANTAU_DEMO"),
        sample=_flag("PANTAU_SAMPLE"),
        tiles=tiles,
        gap_tolerance_m=_number("PANTAU_GAP_TOLERANCE_M"),
        pocket_radius_m=_number("PANTAU_POCKET_RADIUS_M"),
        photo_max_bytes=int(_number("PANTAU_PHOTO_MAX_MB") * 1024 * 1024),
        session_minutes=_number("PANTAU_SESSION_MINUTES"),
        sla_response_hours=_number("PANTAU_SLA_RESPONSE_HOURS"),
        sla_followup_days=_number("PANTAU_SLA_FOLLOWUP_DAYS"),
        wilayah=_wilayah(),
        live_seconds=_number("PANTAU_LIVE_SECONDS"),
    )


def _wilayah() -> str:
    """PANTAU_WILAYAH as a code (BadSetting naming the closest wilayah if unknown)."""
    try:
        return city(_env("PANTAU_WILAYAH")).kode
    except InvalidInput as exc:
        raise BadSetting(exc.key, **exc.params) from exc
