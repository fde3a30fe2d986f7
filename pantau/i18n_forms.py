"""UI text shared by every form that saves (choices, confirmations): Indonesian, English."""

from __future__ import annotations

FORM_MESSAGES: dict[str, tuple[str, str]] = {
    "choose": ("Pilih…", "Choose…"),
    "choose_status_first": (
        "Pilih status berikutnya dulu; isian yang diperlukan muncul setelahnya.",
        "Choose the next status first; the fields it needs appear then.",
    ),
    "choose_missing": ("Pilih {what} dulu.", "Choose {what} first."),
    "lapor_coords_empty": (
        "Klik peta atau isi lintang dan bujur.",
        "Click the map or type the latitude and longitude.",
    ),
    "upload_photo_hint": (
        "Foto JPG, PNG atau WebP, paling besar {mb} MB.",
        "A JPG, PNG or WebP photo, at most {mb} MB.",
    ),
    "upload_table_hint": (
        "Berkas CSV atau XLSX, paling besar {mb} MB.",
        "A CSV or XLSX file, at most {mb} MB.",
    ),
    "upload_button": ("Pilih berkas", "Choose file"),
}
