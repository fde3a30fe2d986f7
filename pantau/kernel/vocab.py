"""The controlled vocabulary of the domain: statuses (as data, with groups),
categories, causes, sources, owner levels, task and group types.

Codes are stored in the database; labels are for people, in Indonesian and
English. A status belongs to a group (open / fixed / closed) so that "closed"
never counts as "fixed".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Term:
    code: str
    id: str  # Bahasa Indonesia label
    en: str  # English label
    group: str = ""  # status group: open | fixed | closed

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


def _index(terms: tuple[Term, ...]) -> dict[str, Term]:
    return {t.code: t for t in terms}


SITE_STATUSES = (
    Term("belum_ditangani", "Belum ditangani", "Not yet handled", "open"),
    Term("dalam_penataan", "Dalam penataan", "Being tidied", "open"),
    Term("tertata", "Tertata", "Tidied", "fixed"),
    Term("kembali_semrawut", "Kembali semrawut", "Disorderly again", "open"),
)

SITE_CATEGORIES = (
    Term("pkl", "PKL di trotoar", "Street vendors on sidewalk"),
    Term("parkir_liar", "Parkir liar", "Illegal parking"),
    Term("sampah_liar", "Pembuangan sampah liar", "Wild dumping"),
    Term("kabel_semrawut", "Kabel semrawut", "Tangled cables"),
    Term("saluran_tersumbat", "Saluran tersumbat", "Blocked drain"),
    Term("kolong_tol", "Bangunan di kolong tol", "Structures under toll road"),
    Term("bangunan_liar", "Bangunan liar", "Illegal structures"),
)

OWNER_LEVELS = (
    Term("kelurahan", "Kelurahan", "Kelurahan"),
    Term("kecamatan", "Kecamatan", "Kecamatan"),
    Term("kota", "Kota", "City"),
    Term("provinsi", "Provinsi", "Province"),
)
SITE_OWNER_LEVELS = ("kelurahan", "kecamatan", "kota")

REPORT_STATUSES = (
    Term("dilaporkan", "Dilaporkan", "Reported", "open"),
    Term("diverifikasi", "Diverifikasi", "Verified", "open"),
    Term("ditangani", "Ditangani", "Being handled", "open"),
    Term("surut", "Surut", "Receded", "fixed"),
    Term("selesai", "Selesai", "Done", "fixed"),
    Term("duplikat", "Duplikat", "Duplicate", "closed"),
    Term("ditolak", "Ditolak", "Rejected", "closed"),
)

CAUSES = (
    Term("saluran_tersumbat", "Saluran tersumbat", "Blocked drain"),
    Term("pompa_mati", "Pompa mati", "Pump down"),
    Term("rob", "Rob (pasang laut)", "Tidal flood"),
    Term("luapan_kali", "Luapan kali", "River overflow"),
    Term("hujan_lebat", "Hujan lebat", "Heavy rain"),
    Term("tanggul_bocor", "Tanggul bocor", "Leaking embankment"),
    Term("lainnya", "Lainnya", "Other"),
)

REPORT_SOURCES = (
    Term("warga", "Warga", "Resident"),
    Term("rt_rw", "RT/RW", "RT/RW"),
    Term("ppsu", "PPSU", "PPSU field crew"),
    Term("sudin_sda", "Sudin SDA", "Water office"),
    Term("jaki", "JAKI/CRM", "JAKI/CRM"),
    Term("media_sosial", "Media sosial", "Social media"),
    Term("cctv", "CCTV", "CCTV"),
)

# Depth classes (cm) as the city communicates them; DEPTH_LIMITS_CM are the deepest
# depths of the first two (the one place the thresholds live).
DEPTH_CLASSES = (
    Term("ringan", "10–70 cm", "10–70 cm"),
    Term("sedang", "71–150 cm", "71–150 cm"),
    Term("berat", "> 150 cm", "> 150 cm"),
)
DEPTH_LIMITS_CM = (70, 150)

TASK_STATUSES = (
    Term("direncanakan", "Direncanakan", "Planned", "open"),
    Term("berjalan", "Berjalan", "Under way", "open"),
    Term("selesai", "Selesai", "Done", "fixed"),
    Term("batal", "Batal", "Cancelled", "closed"),
)

TASK_TYPES = (
    Term("kerja_bakti_saluran", "Kerja bakti saluran", "Drain clean-up"),
    Term("angkat_sampah", "Angkat sampah saluran", "Remove trash from channel"),
    Term("pantau_hujan", "Pantau titik saat hujan", "Watch pocket during rain"),
    Term("sosialisasi", "Sosialisasi", "Outreach"),
    Term("biopori", "Biopori/resapan", "Biopori/infiltration"),
    Term("piket_pompa", "Piket pompa", "Pump duty"),
    Term("lainnya", "Lainnya", "Other"),
)

GROUP_TYPES = (
    Term("rt_rw", "RT/RW", "RT/RW"),
    Term("lmk", "LMK", "LMK"),
    Term("fkdm", "FKDM", "FKDM"),
    Term("pkk", "PKK", "PKK"),
    Term("karang_taruna", "Karang Taruna", "Karang Taruna"),
    Term("ormas", "Ormas", "Community organisation"),
    Term("lainnya", "Lainnya", "Other"),
)

USULAN_STATUSES = (
    Term("draft", "Draf", "Draft", "open"),
    Term("diteruskan", "Diteruskan ke kecamatan", "Forwarded to kecamatan", "open"),
    Term("prioritas", "Prioritas kecamatan", "Kecamatan priority", "open"),
    Term("diterima", "Diterima", "Accepted", "fixed"),
    Term("tidak_diterima", "Tidak diterima", "Not accepted", "closed"),
)

USULAN_WORK_TYPES = (
    Term("normalisasi_saluran", "Normalisasi saluran", "Drain normalisation"),
    Term("pompa", "Pompa / rumah pompa", "Pump / pump house"),
    Term("tanggul", "Tanggul", "Embankment"),
    Term("biopori", "Biopori / sumur resapan", "Biopori / infiltration wells"),
    Term("peninggian_jalan", "Peninggian jalan", "Raising the road"),
    Term("penataan", "Penataan kawasan", "Area tidying"),
    Term("lainnya", "Lainnya", "Other"),
)

USULAN_UNITS = (
    Term("m", "meter", "metres"),
    Term("m2", "m²", "m²"),
    Term("m3", "m³", "m³"),
    Term("unit", "unit", "units"),
    Term("titik", "titik", "points"),
    Term("paket", "paket", "packages"),
)

ROLES = (
    Term("admin", "Admin", "Administrator"),
    Term("pimpinan", "Pimpinan", "Leadership"),
    Term("camat", "Camat", "Camat"),
    Term("lurah", "Lurah", "Lurah"),
    Term("sda", "Sudin SDA", "Water office"),
    Term("tamu", "Tamu", "Guest"),
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
