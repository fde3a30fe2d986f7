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
}
