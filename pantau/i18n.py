"""UI text in Bahasa Indonesia (default) and English."""

from __future__ import annotations

from pantau.i18n_community import COMMUNITY_MESSAGES
from pantau.i18n_errors import ERROR_MESSAGES
from pantau.i18n_forms import FORM_MESSAGES
from pantau.i18n_navigation import NAVIGATION_MESSAGES
from pantau.i18n_reports import REPORT_MESSAGES
from pantau.i18n_sites import SITE_MESSAGES
from pantau.i18n_worklists import WORKLIST_MESSAGES

LANGS = ("id", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    "app_title": ("Pantau Wilayah", "Pantau Wilayah"),
    "app_subtitle": (
        "Penataan wilayah dan genangan — {kota_resmi}",
        "Area order and flood pockets — {kota_resmi}",
    ),
    "language": ("Bahasa", "Language"),
    "sample_banner": (
        "DEMO · DATA CONTOH — semua lokasi, laporan, kelompok dan akun di sini adalah contoh, "
        "bukan data resmi.",
        "DEMO · SAMPLE DATA — every site, report, group and account here is an example, "
        "not official data.",
    ),
    "approx_boundaries": (
        "Batas kelurahan yang dipakai adalah perkiraan (dibuat dari titik pusat kelurahan), "
        "bukan batas resmi. Admin dapat mengimpor batas resmi: `pantau boundaries import`.",
        "The kelurahan boundaries in use are approximate (built from kelurahan centre points), "
        "not official. An admin can import official ones: `pantau boundaries import`.",
    ),
    "boundary_source_shipped": (
        "Batas kelurahan: data wilayah DKI Jakarta (Cahya DSN, lisensi MIT), rapi tanpa "
        "tumpang tindih; bukan batas hukum.",
        "Kelurahan boundaries: DKI Jakarta area data (Cahya DSN, MIT licence), cleaned of "
        "overlaps; not legal boundaries.",
    ),
    "boundary_source_imported": (
        "Batas kelurahan: diimpor dari {source} pada {when}.",
        "Kelurahan boundaries: imported from {source} on {when}.",
    ),
    "page_areas": ("Wilayah", "Areas"),
    "areas_heading": ("Kelurahan di {kota}", "Kelurahan of {kota}"),
    "areas_caption": (
        "{kelurahan} kelurahan di {kecamatan} kecamatan. Laporan genangan dihitung 12 bulan "
        "terakhir. Data per {asof}.",
        "{kelurahan} kelurahan in {kecamatan} kecamatan. Flood reports counted over the last "
        "12 months. Data as of {asof}.",
    ),
    "filter_kecamatan": ("Kecamatan", "Kecamatan"),
    "filter_kota": ("Kota / kabupaten", "Kota / regency"),
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
    "legend": ("Legenda", "Legend"),
    "legend_sites": ("Lokasi penataan", "Penataan sites"),
    "legend_overdue": ("Garis tebal: terlambat", "Thick outline: overdue"),
    "legend_reports": ("Laporan genangan (kedalaman)", "Flood reports (depth)"),
    "layer_tasks": ("Tugas warga", "Community tasks"),
    "legend_tasks": ("Tugas warga (merah: terlambat)", "Community task (red: overdue)"),
    "legend_late": ("Cincin merah: lewat batas layanan", "Red ring: past the service level"),
    "legend_chronic": ("Titik genangan; garis tebal = kronis", "Flood pocket; thick = chronic"),
    "layer_boundaries": ("Batas kelurahan", "Kelurahan boundaries"),
    "layer_base": ("Peta dasar: kota dan kecamatan", "Base map: kota and kecamatan"),
    "legend_site_group": (
        "Beberapa lokasi berdekatan (klik)",
        "Several sites close together (click)",
    ),
    "layer_labels": ("Nama wilayah", "Area names"),
    "layer_density": ("Kepadatan laporan (peta panas)", "Report density (heat map)"),
    "layer_pockets": ("Titik genangan", "Flood pockets"),
    "layer_reports": ("Laporan genangan", "Flood reports"),
    "layer_sites": ("Lokasi penataan", "Penataan sites"),
    "map_overdue": ("Terlambat", "Overdue"),
    "map_due_sweep": ("Perlu disisir", "Due for a sweep"),
    "map_ping_pong": ("Bolak-balik", "Ping-pong"),
    "map_status": ("Status", "Status"),
    "map_kelurahan": ("Kelurahan", "Kelurahan"),
    "map_owner": ("Penanggung jawab", "Owner"),
    "map_updated": ("Diperbarui", "Updated"),
    "map_open": ("Buka detail", "Open details"),
    "map_reports": ("laporan", "reports"),
    "map_depth": ("Kedalaman", "Depth"),
    "map_pocket": ("Titik genangan", "Flood pocket"),
    "map_chronic": ("Kronis", "Chronic"),
    "map_floods": ("Kali tergenang (periode)", "Times flooded (period)"),
    "map_max_depth": ("Terdalam", "Deepest"),
    "map_typical_depth": ("Biasanya", "Typical"),
    "map_last_flood": ("Terakhir", "Last"),
    "page_map": ("Peta", "Map"),
    "map_heading": ("Peta penataan dan genangan", "Order and flood map"),
    "map_caption": (
        "{sites} lokasi penataan · {reports} laporan genangan {start} – {end} · data per {asof}",
        "{sites} penataan sites · {reports} flood reports {start} – {end} · data as of {asof}",
    ),
    "map_aggregated": (
        "{n} laporan digabung per sel ±50 m agar peta tetap ringan; angka pada klaster tetap "
        "jumlah laporan sebenarnya.",
        "{n} reports are merged per ±50 m cell to keep the map light; cluster numbers are still "
        "the true report counts.",
    ),
    "filters": ("Saring", "Filter"),
    "filter_kelurahan": ("Kelurahan", "Kelurahan"),
    "filter_status": ("Status lokasi", "Site status"),
    "filter_category": ("Kategori", "Category"),
    "filter_owner": ("Tingkat penanggung jawab", "Owner level"),
    "filter_dates": ("Periode laporan genangan", "Flood report period"),
    "filter_measure": ("Arsir kelurahan menurut", "Shade kelurahan by"),
    "measure_none": ("Tanpa arsiran", "No shading"),
    "measure_open_sites": ("Lokasi belum tertata", "Sites not yet tidied"),
    "measure_reports": ("Laporan genangan dalam periode", "Flood reports in period"),
    "measure_overdue": ("Lokasi terlambat", "Overdue sites"),
    "head_sites": ("Lokasi", "Sites"),
    "live_updated": ("Diperbarui {at}", "Updated {at}"),
    "live_help": (
        "Layar ini memeriksa data setiap beberapa detik dan menampilkan perubahan dari "
        "pengguna lain tanpa perlu dimuat ulang.",
        "This screen checks the data every few seconds and shows changes saved by others "
        "without a reload.",
    ),
    "todo_line": (
        "**Perlu Anda kerjakan di {area}:** {overdue} lokasi terlambat · {sweep} perlu disisir"
        " · {reports} genangan terbuka",
        "**To do in {area}:** overdue sites {overdue} · due for a sweep {sweep}"
        " · open floods {reports}",
    ),
    "todo_open": ("Buka Tugas saya", "Open My tasks"),
    "todo_none": (
        "Tidak ada yang terlambat di {area}. Terima kasih!",
        "Nothing is late in {area}. Thank you!",
    ),
    "head_open_reports": ("Genangan terbuka", "Open floods"),
    "head_overdue": ("Terlambat", "Overdue"),
    "head_due_sweep": ("Perlu disisir", "Due for sweep"),
    "detail_pick": (
        "Klik lokasi penataan atau titik genangan di peta untuk melihat rinciannya di sini.",
        "Click a penataan site or a flood pocket on the map to see its details here.",
    ),
    "detail_target": ("Target selesai", "Target date"),
    "detail_last_sweep": ("Penyisiran terakhir", "Last sweep"),
    "detail_every_days": ("tiap {days} hari", "every {days} days"),
    "detail_photos": ("Foto", "Photos"),
    "detail_no_photos": ("belum ada foto", "no photos yet"),
    "detail_history": ("Riwayat terbaru", "Recent history"),
    "detail_no_history": ("Belum ada perubahan sejak dicatat.", "No changes since recorded."),
    "detail_when": ("Waktu", "When"),
    "detail_change": ("Perubahan", "Change"),
    "detail_note": ("Catatan", "Note"),
    "detail_swept": ("Disisir", "Swept"),
    "detail_causes": ("Penyebab", "Causes"),
    "detail_no_reports": ("Tidak ada laporan dalam periode ini.", "No reports in this period."),
    "detail_focus": ("Fokus ke kelurahan ini", "Focus on this kelurahan"),
    "error_prefix": ("Tidak dapat melanjutkan", "Cannot continue"),
    # Accounts, login and administration (issue 4)
    "login_heading": ("Masuk ke Pantau Wilayah", "Sign in to Pantau Wilayah"),
    "login_username": ("Nama pengguna", "Username"),
    "login_password": ("Kata sandi", "Password"),
    "login_submit": ("Masuk", "Sign in"),
    "login_expired": (
        "Sesi Anda berakhir setelah {minutes} menit tanpa aktivitas. Silakan masuk lagi.",
        "Your session ended after {minutes} minutes without activity. Please sign in again.",
    ),
    "login_ended": (
        "Akun Anda dinonaktifkan atau diubah; sesi diakhiri.",
        "Your account was deactivated or removed; the session ended.",
    ),
    "login_logged_out": ("Anda sudah keluar.", "You have signed out."),
    "login_no_accounts": (
        "Belum ada akun. Buat admin pertama dari baris perintah: "
        '`uv run pantau users add admin --name "Admin Kota" --role admin`',
        "There are no accounts yet. Create the first admin from the command line: "
        '`uv run pantau users add admin --name "Admin Kota" --role admin`',
    ),
    "demo_accounts": ("Akun demo", "Demo accounts"),
    "demo_accounts_caption": (
        "Hanya untuk mencoba. Setiap akun melihat dan boleh mengubah data sesuai perannya.",
        "For trying the app only. Each account sees and may change what its role allows.",
    ),
    "col_username": ("Nama pengguna", "Username"),
    "col_password": ("Kata sandi", "Password"),
    "col_role": ("Peran", "Role"),
    "col_area": ("Wilayah", "Area"),
    "col_name": ("Nama", "Name"),
    "col_state": ("Keadaan", "State"),
    "col_last_login": ("Terakhir masuk", "Last sign-in"),
    "city_wide": ("Seluruh kota", "Whole city"),
    "production_refused": (
        "Mode produksi (PANTAU_DEMO=0) menolak berjalan karena akun berikut masih memakai "
        "kata sandi demo: {names}. Perbaiki dari baris perintah, lalu muat ulang halaman ini: "
        "`uv run pantau users reset NAMA` (kata sandi sekali pakai baru) atau "
        "`uv run pantau users deactivate NAMA`.",
        "Production mode (PANTAU_DEMO=0) refuses to run because these accounts still use a "
        "demo password: {names}. Fix it from the command line, then reload this page: "
        "`uv run pantau users reset NAME` (a new one-time password) or "
        "`uv run pantau users deactivate NAME`.",
    ),
    "signed_in_as": ("Masuk sebagai **{name}** · {role}", "Signed in as **{name}** · {role}"),
    "logout": ("Keluar", "Sign out"),
    "must_change_heading": ("Ganti kata sandi sekali pakai", "Replace your one-time password"),
    "must_change_caption": (
        "Kata sandi Anda dibuat oleh admin. Buat kata sandi pribadi sebelum melanjutkan.",
        "Your password was set by an admin. Choose your own before you continue.",
    ),
    "pw_current": ("Kata sandi sekarang", "Current password"),
    "pw_new": ("Kata sandi baru (min. 10 karakter)", "New password (at least 10 characters)"),
    "pw_repeat": ("Ulangi kata sandi baru", "Repeat the new password"),
    "pw_mismatch": ("Kedua kata sandi baru tidak sama.", "The two new passwords differ."),
    "pw_save": ("Simpan kata sandi", "Save password"),
    "pw_saved": ("Kata sandi diganti.", "Password changed."),
    "page_account": ("Akun saya", "My account"),
    "account_heading": ("Akun saya", "My account"),
    "page_admin": ("Pengguna", "Users"),
    "admin_heading": ("Pengguna dan peran", "Users and roles"),
    "admin_caption": (
        "{n} akun · {locked} terkunci · {demo} masih memakai kata sandi demo. Semua perubahan "
        "tercatat di riwayat akun.",
        "{n} accounts · {locked} locked · {demo} still on a demo password. Every change is "
        "recorded in the account's history.",
    ),
    "state_active": ("Aktif", "Active"),
    "state_inactive": ("Nonaktif", "Deactivated"),
    "state_locked": ("Terkunci s.d. {until}", "Locked until {until}"),
    "state_demo_pw": ("kata sandi demo", "demo password"),
    "state_must_change": ("wajib ganti kata sandi", "must change password"),
    "admin_new": ("Akun baru", "New account"),
    "admin_create": ("Buat akun", "Create account"),
    "admin_created": (
        "Akun **{username}** dibuat. Kata sandi sekali pakai (hanya ditampilkan sekali):",
        "Account **{username}** created. One-time password (shown only once):",
    ),
    "admin_otp_shown_once": (
        "Sampaikan secara pribadi. Pengguna wajib menggantinya saat pertama masuk.",
        "Pass it on in private. The user must replace it at the first sign-in.",
    ),
    "admin_pick": ("Pilih akun", "Choose an account"),
    "admin_edit": ("Ubah peran dan wilayah", "Change role and area"),
    "admin_save": ("Simpan", "Save"),
    "admin_saved": ("Perubahan disimpan.", "Changes saved."),
    "admin_reset": ("Buat kata sandi sekali pakai", "Make a one-time password"),
    "admin_reset_done": (
        "Kata sandi sekali pakai baru untuk **{username}** (hanya ditampilkan sekali):",
        "New one-time password for **{username}** (shown only once):",
    ),
    "admin_unlock": ("Buka kunci", "Unlock"),
    "admin_unlocked": ("Kunci dibuka.", "Unlocked."),
    "admin_deactivate": ("Nonaktifkan", "Deactivate"),
    "admin_activate": ("Aktifkan kembali", "Reactivate"),
    "admin_history": ("Riwayat akun", "Account history"),
    "stranded_heading": (
        "Data di luar batas wilayah ({n})",
        "Records outside the boundaries ({n})",
    ),
    "stranded_caption": (
        "Impor batas yang dipaksa (--force) meninggalkan data ini di luar semua kelurahan; "
        "mereka tetap di kelurahan lamanya. Pindahkan tiap data ke titik yang benar, atau "
        "konfirmasi di tempatnya. `pantau check` menandainya sampai semuanya selesai.",
        "A forced boundary import (--force) left these records outside every kelurahan; "
        "they stay in their old kelurahan. Move each to its right point, or confirm it where "
        "it stands. `pantau check` flags them until all are done.",
    ),
    "stranded_record": ("Data", "Record"),
    "stranded_far": ("Jarak ke kelurahan terdekat", "Distance to the nearest kelurahan"),
    "stranded_nearest": ("Kelurahan terdekat", "Nearest kelurahan"),
    "stranded_pick": ("Pilih data", "Choose a record"),
    "stranded_move": ("Pindahkan ke titik yang benar", "Move to its right point"),
    "stranded_lat": ("Lintang", "Latitude"),
    "stranded_lon": ("Bujur", "Longitude"),
    "stranded_move_button": ("Pindahkan", "Move"),
    "stranded_confirm": ("Konfirmasi di tempatnya", "Confirm where it stands"),
    "stranded_confirm_caption": (
        "Data tetap di titik dan kelurahan sekarang, ditandai dikonfirmasi admin.",
        "The record keeps its point and kelurahan, marked as confirmed by an admin.",
    ),
    "stranded_confirm_button": ("Konfirmasi", "Confirm"),
    "none": ("–", "–"),
    "reload": ("Muat ulang data terbaru", "Reload the latest data"),
    "conflict_kept": (
        "Isian Anda masih ada di formulir; muat ulang untuk melihat perubahan terbaru.",
        "Your input is still in the form; reload to see the latest change.",
    ),
    "edit_site": ("Ubah data lokasi", "Edit site details"),
    "site_name": ("Nama lokasi", "Site name"),
    "site_address": ("Alamat", "Address"),
    "site_category": ("Kategori", "Category"),
    "site_target": ("Target selesai", "Target date"),
    "site_interval": ("Interval penyisiran (hari)", "Sweep interval (days)"),
    "change_note": ("Catatan perubahan", "Note on the change"),
    "save": ("Simpan", "Save"),
    "saved": ("Tersimpan.", "Saved."),
    "history_who": ("Oleh", "By"),
    "system": ("Sistem", "System"),
    "hidden_personal": ("(data pribadi disembunyikan)", "(personal data hidden)"),
}

MESSAGES.update(SITE_MESSAGES)
MESSAGES.update(REPORT_MESSAGES)
MESSAGES.update(COMMUNITY_MESSAGES)
MESSAGES.update(WORKLIST_MESSAGES)
MESSAGES.update(FORM_MESSAGES)
MESSAGES.update(NAVIGATION_MESSAGES)
MESSAGES.update(ERROR_MESSAGES)


def t(key: str, lang: str = "id", **values: object) -> str:
    """The text for `key` in `lang`, with `{name}` placeholders filled; `{kota}` and
    `{kota_resmi}` name the wilayah in force ("Jakarta Utara", "Kota Administrasi …").

    Raises KeyError for an unknown key (a test checks every key has both languages).
    """
    text = MESSAGES[key][1 if lang == "en" else 0]
    if "{kota" in text:  # the wilayah in force, never spelled in a message
        from pantau.city import current

        here = current()
        en = lang == "en"
        values = {
            "kota": here.nama_en if en else here.nama,
            "kota_resmi": here.nama_resmi_en if en else here.nama_resmi,
            **values,
        }
    return text.format(**values) if values else text
