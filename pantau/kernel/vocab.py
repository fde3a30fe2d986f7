"""The controlled vocabulary of the domain: statuses (as data, with groups),
categories, causes, sources, owner levels, task and group types.

Codes are stored in the database; labels are for people, in Indonesian and
English, in the message catalogue (`pantau/locale`, keys `term_<vocabulary>_<code>`).
A status belongs to a group (open / fixed / closed) so that "closed" never counts
as "fixed".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from pantau.kernel.i18n import t


@dataclass(frozen=True)
class Term:
    """A code of a vocabulary. Its labels live in the message catalogue as
    `term_<vocabulary>_<code>` (Indonesian and English, like every other text)."""

    code: str
    group: str = ""  # status group: open | fixed | closed
    vocabulary: str = ""  # set by _terms

    @property
    def key(self) -> str:
        return f"term_{self.vocabulary}_{self.code}"

    def label(self, lang: str) -> str:
        return t(self.key, lang)

    @property
    def id(self) -> str:  # Bahasa Indonesia label
        return self.label("id")

    @property
    def en(self) -> str:  # English label
        return self.label("en")


def _terms(vocabulary: str, *terms: Term) -> tuple[Term, ...]:
    return tuple(replace(term, vocabulary=vocabulary) for term in terms)


def _index(terms: tuple[Term, ...]) -> dict[str, Term]:
    return {t.code: t for t in terms}


SITE_STATUSES = _terms(
    "site_status",
    Term("belum_ditangani", group="open"),
    Term("dalam_penataan", group="open"),
    Term("tertata", group="fixed"),
    Term("kembali_semrawut", group="open"),
)

SITE_CATEGORIES = _terms(
    "site_category",
    Term("pkl"),
    Term("parkir_liar"),
    Term("sampah_liar"),
    Term("kabel_semrawut"),
    Term("saluran_tersumbat"),
    Term("kolong_tol"),
    Term("bangunan_liar"),
)

OWNER_LEVELS = _terms(
    "owner_level",
    Term("kelurahan"),
    Term("kecamatan"),
    Term("kota"),
    Term("provinsi"),
)
SITE_OWNER_LEVELS = ("kelurahan", "kecamatan", "kota")

REPORT_STATUSES = _terms(
    "report_status",
    Term("dilaporkan", group="open"),
    Term("diverifikasi", group="open"),
    Term("ditangani", group="open"),
    Term("surut", group="fixed"),
    Term("selesai", group="fixed"),
    Term("duplikat", group="closed"),
    Term("ditolak", group="closed"),
)

CAUSES = _terms(
    "cause",
    Term("saluran_tersumbat"),
    Term("pompa_mati"),
    Term("rob"),
    Term("luapan_kali"),
    Term("hujan_lebat"),
    Term("tanggul_bocor"),
    Term("lainnya"),
)

REPORT_SOURCES = _terms(
    "report_source",
    Term("warga"),
    Term("rt_rw"),
    Term("ppsu"),
    Term("sudin_sda"),
    Term("jaki"),
    Term("media_sosial"),
    Term("cctv"),
)

# Depth classes (cm) as the city communicates them; DEPTH_LIMITS_CM are the deepest
# depths of the first two (the one place the thresholds live).
DEPTH_CLASSES = _terms(
    "depth_class",
    Term("ringan"),
    Term("sedang"),
    Term("berat"),
)
DEPTH_LIMITS_CM = (70, 150)

TASK_STATUSES = _terms(
    "task_status",
    Term("direncanakan", group="open"),
    Term("berjalan", group="open"),
    Term("selesai", group="fixed"),
    Term("batal", group="closed"),
)

TASK_TYPES = _terms(
    "task_type",
    Term("kerja_bakti_saluran"),
    Term("angkat_sampah"),
    Term("pantau_hujan"),
    Term("sosialisasi"),
    Term("biopori"),
    Term("piket_pompa"),
    Term("lainnya"),
)

GROUP_TYPES = _terms(
    "group_type",
    Term("rt_rw"),
    Term("lmk"),
    Term("fkdm"),
    Term("pkk"),
    Term("karang_taruna"),
    Term("ormas"),
    Term("lainnya"),
)

# Siaga: warnings entered before the water comes (`pantau/siaga/warnings.py`).
WARNING_KINDS = _terms(
    "warning_kind",
    Term("hujan_lebat"),
    Term("rob"),
    Term("kiriman"),
)

WARNING_LEVELS = _terms(
    "warning_level",
    Term("waspada"),
    Term("siaga"),
    Term("awas"),
)

WARNING_SOURCES = _terms(
    "warning_source",
    Term("bmkg"),
    Term("bpbd"),
    Term("sudin_sda"),
    Term("manual"),
)

WARNING_STATUSES = _terms(
    "warning_status",
    Term("aktif", group="open"),
    Term("batal", group="closed"),
)

USULAN_STATUSES = _terms(
    "usulan_status",
    Term("draft", group="open"),
    Term("diteruskan", group="open"),
    Term("prioritas", group="open"),
    Term("diterima", group="fixed"),
    Term("tidak_diterima", group="closed"),
)

USULAN_WORK_TYPES = _terms(
    "usulan_work",
    Term("normalisasi_saluran"),
    Term("pompa"),
    Term("tanggul"),
    Term("biopori"),
    Term("peninggian_jalan"),
    Term("penataan"),
    Term("lainnya"),
)

USULAN_UNITS = _terms(
    "usulan_unit",
    Term("m"),
    Term("m2"),
    Term("m3"),
    Term("unit"),
    Term("titik"),
    Term("paket"),
)

ROLES = _terms(
    "role",
    Term("admin"),
    Term("pimpinan"),
    Term("camat"),
    Term("lurah"),
    Term("sda"),
    Term("tamu"),
)

VOCABULARIES: dict[str, dict[str, Term]] = {
    "site_status": _index(SITE_STATUSES),
    "site_category": _index(SITE_CATEGORIES),
    "owner_level": _index(OWNER_LEVELS),
    "report_status": _index(REPORT_STATUSES),
    "cause": _index(CAUSES),
    "report_source": _index(REPORT_SOURCES),
    "depth_class": _index(DEPTH_CLASSES),
    "task_status": _index(TASK_STATUSES),
    "task_type": _index(TASK_TYPES),
    "group_type": _index(GROUP_TYPES),
    "role": _index(ROLES),
    "warning_kind": _index(WARNING_KINDS),
    "warning_level": _index(WARNING_LEVELS),
    "warning_source": _index(WARNING_SOURCES),
    "warning_status": _index(WARNING_STATUSES),
    "usulan_status": _index(USULAN_STATUSES),
    "usulan_work": _index(USULAN_WORK_TYPES),
    "usulan_unit": _index(USULAN_UNITS),
}


def label(vocabulary: str, code: str, lang: str = "id") -> str:
    """The label of `code`; the code itself when unknown (never raises)."""
    term = VOCABULARIES[vocabulary].get(code)
    return term.label(lang) if term else code


def codes(vocabulary: str) -> list[str]:
    return list(VOCABULARIES[vocabulary])


STATUS_GROUPS = ("open", "fixed", "closed")


def codes_in_group(vocabulary: str, *groups: str) -> tuple[str, ...]:
    """The codes of a status vocabulary whose group is one of `groups`, in the
    vocabulary's order — the one place a status group is decided (lists, maps, queues,
    meetings and queries all ask here). Raises ValueError for an unknown group or a
    vocabulary without groups."""
    unknown = [g for g in groups if g not in STATUS_GROUPS]
    if unknown:
        raise ValueError(f"unknown status group {unknown[0]!r}; use one of {STATUS_GROUPS}")
    terms = VOCABULARIES[vocabulary].values()
    if not any(t.group for t in terms):
        raise ValueError(f"vocabulary {vocabulary!r} has no status groups")
    return tuple(t.code for t in terms if t.group in groups)


def depth_class_index(depths_cm: npt.ArrayLike) -> np.ndarray:
    """The depth class of each depth as its index in DEPTH_CLASSES: 0 ringan (≤70),
    1 sedang (71–150), 2 berat (>150) — for whole columns at once (maps, lists)."""
    classes = np.digitize(np.asarray(depths_cm, dtype=float), DEPTH_LIMITS_CM, right=True)
    return np.asarray(classes, dtype=np.int64)


def depth_class(depth_cm: int) -> str:
    """ringan (≤70), sedang (71–150) or berat (>150): `depth_class_index` for one depth."""
    return DEPTH_CLASSES[int(depth_class_index([depth_cm])[0])].code
