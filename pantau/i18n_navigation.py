"""UI text for moving between lists, the map panel and a record's page: Indonesian,
English."""

from __future__ import annotations

NAVIGATION_MESSAGES: dict[str, tuple[str, str]] = {
    "list_pick_hint": (
        "Klik baris untuk membuka halamannya.",
        "Click a row to open its page.",
    ),
    "list_rows": ("Baris {start}–{end} dari {n}", "Rows {start}–{end} of {n}"),
    "list_items": ("{start}–{end} dari {n} tugas", "{start}–{end} of {n} tasks"),
    "list_prev": ("Sebelumnya", "Previous"),
    "list_next": ("Berikutnya", "Next"),
    "col_site": ("Lokasi", "Site"),
    "col_flags": ("Tanda", "Flags"),
    "col_days_late": ("Telat (hari)", "Days late"),
    "days_late_short": ("{n} hari terlambat", "{n} days late"),
    "days_late_one": ("1 hari terlambat", "1 day late"),
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
    "failure_busy": (
        "Basis data sedang dipakai proses Pantau lain, jadi halaman ini tidak dapat dibuka. "
        "Beri tahu admin, lalu muat ulang halaman ini beberapa menit lagi.",
        "The database is in use by another Pantau process, so this page cannot open. "
        "Tell the administrator, then reload this page in a few minutes.",
    ),
    "failure_disk_full": (
        "Penyimpanan server penuh: perubahan terakhir tidak tersimpan. Beri tahu admin; "
        "isian Anda masih ada di formulir, coba simpan lagi nanti.",
        "The server's storage is full: the last change was not saved. Tell the "
        "administrator; what you typed is still in the form, try saving again later.",
    ),
    "failure_storage": (
        "Penyimpanan data sedang bermasalah, jadi halaman ini tidak dapat ditampilkan. "
        "Beri tahu admin; coba muat ulang halaman sebentar lagi.",
        "Data storage is having a problem, so this page cannot be shown. Tell the "
        "administrator; try reloading the page in a moment.",
    ),
}
