"""The fields of a genangan report: one check per field, whoever sends them.

The report form (typed values), the report import (text as written in a file) and
anything added later call `check`; each bad field gets one message, the same one
in the form and in an import's per-row report. What only an import can get wrong
(a date it cannot read, a column it cannot map, a ticket already stored) and where
a report is (coordinates, kelurahan) are checked by the import and the placement.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from pantau.files.tables import header_key
from pantau.kernel.errors import Msg, msg
from pantau.kernel.vocab import VOCABULARIES

MIN_DEPTH, MAX_DEPTH = 1, 400  # cm; deeper than 4 m is a typing error, not a genangan
MAX_TEXT = 300
PHONE_CHARS = set("0123456789+-() ")
FREE_TEXT = ("reporter_name", "address", "note")
FIELDS = ("observed_at", "depth_cm", "cause", "source", "source_ref", *FREE_TEXT, "reporter_phone")

# What people write for a cause or a source besides the codes and labels.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "cause": {
        "hujan_lebat": ("hujan", "hujan deras", "curah hujan tinggi"),
        "rob": ("pasang laut", "air pasang", "banjir rob"),
        "luapan_kali": ("kali meluap", "sungai meluap", "luapan sungai"),
        "saluran_tersumbat": ("saluran mampet", "got mampet", "drainase tersumbat", "sampah"),
        "pompa_mati": ("pompa rusak", "pompa tidak berfungsi"),
        "tanggul_bocor": ("tanggul jebol", "tanggul rembes", "tanggul rusak", "tanggul"),
        "lainnya": ("lain-lain", "lain lain"),
    },
    "report_source": {
        "jaki": ("jaki", "crm", "jaki crm"),
        "rt_rw": ("rt", "rw", "ketua rt", "ketua rw", "pengurus rt"),
        "sudin_sda": ("sda", "dinas sda"),
        "media_sosial": ("medsos", "twitter", "instagram", "facebook"),
        "warga": ("masyarakat", "warga setempat"),
        "ppsu": ("petugas ppsu",),
        "cctv": ("kamera",),
    },
}


def _lookup(vocabulary: str) -> dict[str, str]:
    """Codes, labels (id and en) and usual synonyms, as header_key keys, to codes."""
    out: dict[str, str] = {}
    for code, term in VOCABULARIES[vocabulary].items():
        for key in (code, term.id, term.en):
            out[header_key(key)] = code
    for code, words in SYNONYMS.get(vocabulary, {}).items():
        out.update({header_key(w): code for w in words})
    return out


_CODES = {name: _lookup(name) for name in ("cause", "report_source")}


def code_of(vocabulary: str, written: str) -> str | None:
    """The code of a cause or source written as its code, its label or a usual word."""
    return _CODES[vocabulary].get(header_key(written)) if written else None


def phone_ok(phone: str) -> bool:
    """A reporter's phone: digits, spaces, + - ( ), and 6 to 15 digits."""
    return set(phone) <= PHONE_CHARS and 6 <= sum(c.isdigit() for c in phone) <= 15


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _depth(value: Any) -> int | None:
    """Whole centimetres from a number or its text ("35", "35.0", "35,0")."""
    try:
        number = float(_text(value).replace(",", "."))
    except ValueError:
        return None
    if number != number or number != int(number):  # NaN or a fraction
        return None
    return int(number)


def check(
    values: Mapping[str, Any],
    now: datetime,
    *,
    max_age: timedelta | None,
    too_old: str = "err_field_too_old_import",
) -> tuple[dict[str, Any], dict[str, Msg]]:
    """Cleaned values of a report and one message per bad field.

    `observed_at` is a naive UTC datetime (None when it could not be read);
    causes and sources may be written as codes, labels or usual words. A report
    older than `max_age` is refused (None: any age) with the message `too_old`
    (the form sends older reports to the import; the import says how old is too old).
    """
    problems: dict[str, Msg] = {}
    out: dict[str, Any] = {}
    depth = _depth(values.get("depth_cm"))
    if depth is None or not MIN_DEPTH <= depth <= MAX_DEPTH:
        problems["depth_cm"] = msg("err_field_depth", low=MIN_DEPTH, high=MAX_DEPTH)
    out["depth_cm"] = depth
    for field, vocabulary, error in (
        ("cause", "cause", "err_field_cause"),
        ("source", "report_source", "err_field_source"),
    ):
        written = _text(values.get(field))
        code = code_of(vocabulary, written)
        if code is None:
            problems[field] = (
                msg("err_field_unknown_choose", value=written) if written else msg(error)
            )
        out[field] = code
    ref = _text(values.get("source_ref")) or None
    if out["source"] == "jaki" and not ref:
        problems["source_ref"] = msg("err_field_jaki_ticket")
    out["source_ref"] = ref
    observed = values.get("observed_at")
    if not isinstance(observed, datetime):
        problems["observed_at"] = msg("err_field_observed_at")
    elif observed > now + timedelta(minutes=10):
        problems["observed_at"] = msg("err_field_observed_future")
    elif max_age is not None and observed < now - max_age:
        problems["observed_at"] = msg(too_old, days=max_age.days, years=max_age.days // 365)
    out["observed_at"] = observed
    for name in FREE_TEXT:
        text = " ".join(_text(values.get(name)).split())
        if len(text) > MAX_TEXT:
            problems[name] = msg("err_field_max_chars", n=MAX_TEXT)
        out[name] = text or None
    phone = _text(values.get("reporter_phone"))
    if phone and not phone_ok(phone):
        problems["reporter_phone"] = msg("err_field_phone")
    out["reporter_phone"] = phone or None
    return out, problems
