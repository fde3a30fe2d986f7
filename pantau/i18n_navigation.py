"""UI text for moving between lists, the map panel and a record's page: Indonesian,
English."""

from __future__ import annotations

NAVIGATION_MESSAGES: dict[str, tuple[str, str]] = {
    "list_pick_hint": (
        "Klik baris untuk membuka halamannya.",
        "Click a row to open its page.",
    ),
    "col_site": ("Lokasi", "Site"),
    "col_flags": ("Tanda", "Flags"),
    "col_days_late": ("Hari terlambat", "Days late"),
    "days_late_short": ("{n} hari", "{n} days"),
    "list_area_preset": (
        "Menampilkan wilayah Anda ({area}). Ubah kecamatan/kelurahan di samping untuk "
        "melihat wilayah lain.",
        "Showing your area ({area}). Change the kecamatan/kelurahan in the sidebar to see "
        "other areas.",
    ),
    "filter_report_status": ("Status laporan", "Report status"),
    "open_site_page": ("Buka halaman lokasi", "Open the site's page"),
    "open_report_page": ("Buka halaman laporan", "Open the report's page"),
    "open_pocket_page": ("Buka halaman titik genangan", "Open the flood pocket's page"),
    "open_site_hint": (
        "Status, foto, penyisiran dan riwayat lengkap ada di halaman lokasi.",
        "Status, photos, sweeps and the full history are on the site's page.",
    ),
    "open_report_hint": (
        "Status laporan diubah di halaman laporan.",
        "The report's status is changed on the report's page.",
    ),
    "report_in_pocket": ("Bagian dari titik genangan #{id}", "Part of flood pocket #{id}"),
    "db_busy": (
        "Basis data {path} sedang dipakai proses Pantau lain (aplikasi lain yang memakai "
        "berkas yang sama, atau perintah `pantau` yang sedang berjalan). Hentikan proses "
        "itu atau gunakan aplikasi yang sudah berjalan, lalu muat ulang halaman ini.",
        "The database {path} is in use by another Pantau process (another app using the "
        "same file, or a running `pantau` command). Stop that process or use the app that "
        "is already running, then reload this page.",
    ),
}
