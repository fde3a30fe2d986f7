"""UI text in Bahasa Indonesia (default) and English."""

from __future__ import annotations

LANGS = ("id", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    "app_title": ("Pantau Wilayah", "Pantau Wilayah"),
    "app_subtitle": (
        "Penataan wilayah dan genangan — Kota Administrasi Jakarta Utara",
        "Area order and flood pockets — North Jakarta",
    ),
    "language": ("Bahasa", "Language"),
    "sample_banner": (
        "DATA CONTOH — semua lokasi, laporan, kelompok dan akun di sini adalah contoh, "
        "bukan data resmi.",
        "SAMPLE DATA — every site, report, group and account here is an example, "
        "not official data.",
    ),
    "approx_boundaries": (
        "Batas kelurahan yang dipakai adalah perkiraan (dibuat dari titik pusat kelurahan), "
        "bukan batas resmi. Admin dapat mengimpor batas resmi: `pantau boundaries import`.",
        "The kelurahan boundaries in use are approximate (built from kelurahan centre points), "
        "not official. An admin can import official ones: `pantau boundaries import`.",
    ),
    "page_areas": ("Wilayah", "Areas"),
    "areas_heading": ("Kelurahan di Jakarta Utara", "Kelurahan of North Jakarta"),
    "areas_caption": (
        "{kelurahan} kelurahan di {kecamatan} kecamatan. Laporan genangan dihitung 12 bulan "
        "terakhir. Data per {asof}.",
        "{kelurahan} kelurahan in {kecamatan} kecamatan. Flood reports counted over the last "
        "12 months. Data as of {asof}.",
    ),
    "filter_kecamatan": ("Kecamatan", "Kecamatan"),
    "all": ("Semua", "All"),
    "col_kecamatan": ("Kecamatan", "Kecamatan"),
    "col_kelurahan": ("Kelurahan", "Kelurahan"),
    "col_kode": ("Kode Kemendagri", "Kemendagri code"),
    "col_sites": ("Lokasi penataan", "Penataan sites"),
    "col_sites_open": ("Belum tertata", "Not yet tidied"),
    "col_sites_tidy": ("Tertata", "Tidied"),
    "col_reports": ("Laporan genangan", "Flood reports"),
    "col_reports_open": ("Genangan terbuka", "Open flood reports"),
    "col_pockets": ("Titik genangan", "Flood pockets"),
    "total": ("Jumlah", "Total"),
    "metric_sites": ("Lokasi penataan", "Penataan sites"),
    "metric_reports": ("Laporan genangan (12 bln)", "Flood reports (12 mo)"),
    "metric_open_reports": ("Genangan belum selesai", "Open flood reports"),
    "metric_pockets": ("Titik genangan", "Flood pockets"),
    "error_prefix": ("Tidak dapat melanjutkan", "Cannot continue"),
}


def t(key: str, lang: str = "id", **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled.

    Raises KeyError for an unknown key (a test checks every key has both languages).
    """
    text = MESSAGES[key][1 if lang == "en" else 0]
    return text.format(**values) if values else text
