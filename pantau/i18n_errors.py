"""Messages of the core's errors (`pantau.errors`), in Bahasa Indonesia and English.

Keys start with `err_` (the sentence), `err_field_` (a field's hint), `record_`
(a record type), `action_` (what a permission allows) or `what_` (a part of a sentence).
"""

from __future__ import annotations

ERROR_MESSAGES: dict[str, tuple[str, str]] = {
    "err_kota_province_only": (
        "Hanya pimpinan di basis data seluruh provinsi yang dapat dibatasi ke satu kota.",
        "Only a pimpinan in a province-wide database can be limited to one kota.",
    ),
    "err_field_clear_kota": ("Kosongkan kota.", "Leave the kota empty."),
    "err_role_unknown": ("Peran tidak dikenal.", "Unknown role."),
    "err_field_role_from_list": ("Pilih peran dari daftar.", "Choose a role from the list."),
    "err_lurah_one_kelurahan": (
        "Lurah harus ditempatkan di satu kelurahan.",
        "A lurah must be placed in one kelurahan.",
    ),
    "err_camat_one_kecamatan": (
        "Camat harus ditempatkan di satu kecamatan.",
        "A camat must be placed in one kecamatan.",
    ),
    "err_name_required": ("Nama wajib diisi.", "A name is required."),
    "err_field_full_name": ("Isi nama lengkap.", "Enter the full name."),
    "err_name_too_long": ("Nama terlalu panjang.", "The name is too long."),
    "err_field_max_80": ("Paling banyak 80 karakter.", "At most 80 characters."),
    "err_username_invalid": ("Nama pengguna tidak valid.", "The username is not valid."),
    "err_field_username_rule": (
        "3–32 huruf kecil, angka, titik, garis bawah atau tanda hubung.",
        "3–32 lower-case letters, digits, dots, underscores or hyphens.",
    ),
    "err_username_taken": ("Nama pengguna sudah dipakai.", "The username is already taken."),
    "err_field_other_name": ("Pilih nama lain.", "Choose another name."),
    "err_own_account_role": (
        "Anda tidak dapat menonaktifkan atau mengubah peran akun sendiri.",
        "You cannot deactivate your own account or change its role.",
    ),
    "err_last_admin": (
        "Harus tetap ada setidaknya satu admin aktif.",
        "There must remain at least one active admin.",
    ),
    "err_password_short": ("Kata sandi baru terlalu pendek.", "The new password is too short."),
    "err_password_same": (
        "Kata sandi baru sama dengan yang lama.",
        "The new password is the same as the old one.",
    ),
    "err_field_other": ("Pilih yang lain.", "Choose another one."),
    "err_password_demo": (
        "Kata sandi ini adalah kata sandi demo.",
        "This password is a demo password.",
    ),
    "err_account_inactive": ("Akun ini tidak aktif.", "This account is not active."),
    "err_password_current_wrong": ("Kata sandi sekarang salah.", "The current password is wrong."),
    "err_field_check_again": ("Periksa lagi.", "Check it again."),
    "err_account_deactivated": (
        "Akun ini sudah dinonaktifkan. Hubungi admin.",
        "This account has been deactivated. Contact an admin.",
    ),
    "err_field_short_note": ("Tulis catatan singkat.", "Write a short note."),
    "err_note_too_long": ("Catatan terlalu panjang.", "The note is too long."),
    "err_sweep_result_unknown": ("Hasil penyisiran tidak dikenal.", "Unknown sweep result."),
    "err_field_sweep_result": ("Pilih tertib/semrawut.", "Choose tertib/semrawut."),
    "err_sweep_future": ("Waktu penyisiran ada di masa depan.", "The sweep time is in the future."),
    "err_field_check_time": ("Periksa jam.", "Check the time."),
    "err_field_old_data_admin": (
        "Hubungi admin untuk koreksi data lama.",
        "Contact an admin to correct old data.",
    ),
    "err_field_status_via_workflow": (
        "Ubah statusnya lewat alur penataan.",
        "Change its status through the penataan workflow.",
    ),
    "err_level_unknown": ("Tingkat tidak dikenal.", "Unknown level."),
    "err_field_from_list": ("Pilih dari daftar.", "Choose from the list."),
    "err_owner_unit_required": (
        "Unit penanggung jawab wajib diisi.",
        "The responsible unit is required.",
    ),
    "err_owner_unit_same": (
        "Lokasi ini sudah dipegang unit itu.",
        "This site is already held by that unit.",
    ),
    "err_field_other_unit": ("Pilih unit lain.", "Choose another unit."),
    "err_photo_role_unknown": ("Jenis foto tidak dikenal.", "Unknown photo type."),
    "err_field_photo_roles": ("sebelum, sesudah atau bukti", "before, after or evidence"),
    "err_check_marked": ("Periksa isian yang ditandai.", "Check the marked fields."),
    "err_location_needed": (
        "Tentukan lokasi: klik peta, isi koordinat, atau pilih kelurahan dan alamat.",
        "Set the location: click the map, enter coordinates, or choose a kelurahan and an address.",
    ),
    "err_field_no_location": ("Lokasi belum ada.", "No location yet."),
    "err_address_required": (
        "Tanpa titik di peta, alamat wajib diisi.",
        "Without a point on the map, an address is required.",
    ),
    "err_field_address": ("Isi alamat (RT/RW, jalan).", "Enter the address (RT/RW, street)."),
    "err_original_not_found": (
        "Laporan asli tidak ditemukan.",
        "The original report was not found.",
    ),
    "err_field_check": ("Periksa.", "Check it."),
    "err_original_closed": (
        "Laporan asli sendiri sudah duplikat/ditolak.",
        "The original report is itself a duplicate or rejected.",
    ),
    "err_handover_reason": ("Penyerahan perlu alasan.", "A hand-over needs a reason."),
    "err_field_reason": ("Tulis alasannya.", "Write the reason."),
    "err_report_same_level": (
        "Laporan sudah di tingkat itu.",
        "The report is already at that level.",
    ),
    "err_field_other_level": ("Pilih lain.", "Choose another."),
    "err_report_closed_handover": (
        "Laporan yang sudah ditutup tidak diserahkan lagi.",
        "A closed report is not handed over again.",
    ),
    "err_end_before_start": (
        "Tanggal akhir sebelum tanggal mulai.",
        "The end date is before the start date.",
    ),
    "err_field_check_date": ("Periksa tanggal.", "Check the date."),
    "err_field_shorter_range": ("Perpendek rentang tanggal.", "Shorten the date range."),
    "err_task_places_differ": (
        "Titik genangan dan lokasi penataan tugas ini ada di kelurahan yang berbeda.",
        "This task's flood pocket and penataan site are in different kelurahan.",
    ),
    "err_field_same_kelurahan": (
        "Pilih titik dan lokasi di kelurahan yang sama.",
        "Choose a pocket and a site in the same kelurahan.",
    ),
    "err_task_kelurahan": ("Tentukan kelurahan tugas.", "Set the task's kelurahan."),
    "err_field_choose_kelurahan": ("Pilih kelurahan.", "Choose a kelurahan."),
    "err_task_groups_kelurahan": (
        "Kelompok harus dari kelurahan yang sama dengan tugas.",
        "Groups must be from the same kelurahan as the task.",
    ),
    "err_field_write_it": ("Tulis isinya.", "Write it."),
    "err_directive_due_past": (
        "Tenggat arahan sudah lewat.",
        "The directive's due date has passed.",
    ),
    "err_field_today_or_later": ("Pilih hari ini atau nanti.", "Choose today or later."),
    "err_photo_empty": ("Berkas foto kosong.", "The photo file is empty."),
    "err_field_photo_again": ("Pilih berkas foto lagi.", "Choose the photo file again."),
    "err_field_photo_smaller": (
        "Kecilkan ukuran foto atau pilih foto lain.",
        "Make the photo smaller or choose another photo.",
    ),
    "err_photo_broken": (
        "Berkas ini bukan foto JPEG, PNG atau WebP yang utuh.",
        "This file is not a complete JPEG, PNG or WebP photo.",
    ),
    "err_field_photo_pick": (
        "Pilih foto dari kamera atau galeri (JPEG, PNG atau WebP).",
        "Choose a photo from the camera or gallery (JPEG, PNG or WebP).",
    ),
    "err_field_photo_jpeg": ("Simpan ulang foto sebagai JPEG.", "Save the photo again as JPEG."),
    "err_site_retired_edit": (
        "Lokasi ini sudah dihapus dari daftar dan tidak dapat diubah.",
        "This site has been removed from the list and cannot be changed.",
    ),
    "err_retire_reason": (
        "Alasan penghapusan wajib diisi.",
        "A reason for the removal is required.",
    ),
    "err_site_retired": (
        "Lokasi ini sudah dihapus dari daftar.",
        "This site has already been removed from the list.",
    ),
    "err_not_stranded": (
        "Data ini tidak berada di luar batas wilayah; tidak ada yang diubah.",
        "This record is not outside the area's boundaries; nothing was changed.",
    ),
    "err_check_group": ("Periksa isian kelompok.", "Check the group's fields."),
    "err_account_history": (
        "Riwayat akun hanya untuk admin dan pemilik akun.",
        "An account's history is only for admins and the account's owner.",
    ),
    "err_write_conflict": (
        "Data ini baru saja diubah oleh pengguna lain. Muat ulang lalu coba lagi.",
        "This record was just changed by another user. Reload and try again.",
    ),
    "err_database_busy": (
        (
            "Basis data {target} sedang dipakai proses lain (biasanya aplikasi yang sedang "
            "berjalan). Hentikan aplikasi dulu (Ctrl+C pada `streamlit run`), lalu jalankan "
            "perintah ini lagi."
        ),
        (
            "The database {target} is in use by another process (usually the running app). Stop "
            "the app first (Ctrl+C in `streamlit run`), then run this command again."
        ),
    ),
    "err_schema_too_new": (
        (
            "Basis data ini dibuat oleh versi Pantau Wilayah yang lebih baru (skema {schema}, "
            "versi ini hanya mengenal sampai {newest}). Perbarui aplikasi, atau pulihkan cadangan "
            "yang cocok."
        ),
        (
            "This database was written by a newer version of Pantau Wilayah (schema {schema}; this "
            "version knows up to {newest}). Update the app, or restore a matching backup."
        ),
    ),
    "err_stale": (
        "{what} ini baru saja diubah orang lain — muat ulang lalu coba lagi.",
        "{what}: changed by someone else just now — reload and try again.",
    ),
    "err_stale_by": (
        (
            "{what} ini sudah diubah oleh {who} pada {when} — muat ulang untuk melihat perubahan "
            "itu, lalu simpan lagi."
        ),
        "{what}: changed by {who} at {when} — reload to see that change, then save again.",
    ),
    "err_record_not_found": ("{what} #{id} tidak ditemukan.", "{what} #{id} was not found."),
    "record_site": ("Lokasi penataan", "Penataan site"),
    "record_report": ("Laporan genangan", "Flood report"),
    "record_pocket": ("Titik genangan", "Flood pocket"),
    "record_task": ("Tugas", "Task"),
    "record_group": ("Kelompok", "Group"),
    "record_user": ("Akun", "Account"),
    "record_directive": ("Arahan", "Directive"),
    "record_data": ("Data", "Record"),
    "err_role_not_allowed": ("Peran {role} tidak boleh {what}.", "The role {role} may not {what}."),
    "err_own_area_only": (
        "{who} hanya boleh {what} di wilayahnya sendiri ({area}).",
        "{who} may {what} only in their own area ({area}).",
    ),
    "action_read": ("melihat data", "view data"),
    "action_read_personal": ("melihat data pribadi", "view personal data"),
    "action_edit_site": ("mengubah lokasi penataan", "change penataan sites"),
    "action_sweep_site": ("mencatat penyisiran", "record sweeps"),
    "action_handover_site": (
        "menyerahkan lokasi ke tingkat lain",
        "hand sites over to another level",
    ),
    "action_manage_sites": (
        "menambah atau menghapus lokasi penataan",
        "add or remove penataan sites",
    ),
    "action_add_directive": ("memberi arahan", "give directives"),
    "action_answer_directive": ("menjawab arahan", "answer directives"),
    "action_create_report": ("mencatat laporan genangan", "record flood reports"),
    "action_edit_report": ("mengubah laporan genangan", "change flood reports"),
    "action_edit_community": (
        "mengelola kelompok dan tugas warga",
        "manage community groups and tasks",
    ),
    "action_import_data": ("mengimpor data", "import data"),
    "action_manage_users": ("mengelola pengguna", "manage users"),
    "action_manage_boundaries": ("mengganti batas wilayah", "replace the area boundaries"),
    "err_none": ("tidak ada", "none"),
    "err_none_closed": ("tidak ada (sudah ditutup)", "none (already closed)"),
    "err_none_done": ("tidak ada (sudah selesai)", "none (already done)"),
    "err_site_move": (
        (
            "Status {status} tidak dapat langsung menjadi {target}. Yang boleh berikutnya: "
            "{names}.{via}"
        ),
        "Status {status} cannot change directly to {target}. Allowed next: {names}.{via}",
    ),
    "err_site_move_via_sweep": (
        " Perubahan ke Kembali semrawut hanya lewat penyisiran.",
        " A change to Messy again happens only through a sweep.",
    ),
    "err_field_choose": ("Pilih: {names}", "Choose: {names}"),
    "err_status_note": (
        "Setiap perubahan status perlu catatan.",
        "Every status change needs a note.",
    ),
    "err_field_note_work": ("Tulis apa yang dikerjakan.", "Write what was done."),
    "err_status_photo": (
        "Status {target} perlu foto bukti.",
        "Status {target} needs an evidence photo.",
    ),
    "err_field_photo_after": (
        "Lampirkan foto sesudah penataan.",
        "Attach a photo taken after the penataan.",
    ),
    "err_report_move": (
        "Laporan {status} tidak dapat menjadi {target}. Yang boleh berikutnya: {names}.",
        "A report that is {status} cannot become {target}. Allowed next: {names}.",
    ),
    "err_duplicate_needs_original": (
        "Laporan duplikat harus menunjuk laporan aslinya.",
        "A duplicate report must point to its original report.",
    ),
    "err_field_original": ("Pilih laporan asli.", "Choose the original report."),
    "err_reject_reason": ("Laporan ditolak perlu alasan.", "A rejected report needs a reason."),
    "err_field_note": ("Tulis catatan.", "Write a note."),
    "err_task_move": (
        "Tugas {status} tidak dapat menjadi {target}. Yang boleh berikutnya: {names}.",
        "A task that is {status} cannot become {target}. Allowed next: {names}.",
    ),
    "what_cancel_reason": ("alasan pembatalan", "a reason for the cancellation"),
    "what_note": ("catatan", "a note"),
    "err_change_needs": ("Perubahan ini perlu {what}.", "This change needs {what}."),
    "err_field_note_it": ("Tulis catatannya.", "Write the note."),
    "err_task_participants": (
        "Tugas selesai perlu jumlah peserta.",
        "A finished task needs the number of participants.",
    ),
    "err_field_participants": (
        "Isi jumlah peserta (0 boleh).",
        "Enter the number of participants (0 is allowed).",
    ),
    "err_kota_unknown": ("Kota {kota} tidak dikenal.", "Unknown kota {kota}."),
    "err_field_choose_kota": ("Pilih kota: {kota}", "Choose a kota: {kota}"),
    "err_field_kelurahan_of": ("Pilih kelurahan {kota}.", "Choose a kelurahan of {kota}."),
    "err_field_kecamatan_of": ("Pilih kecamatan {kota}.", "Choose a kecamatan of {kota}."),
    "err_field_min_chars": ("Paling sedikit {n} karakter.", "At least {n} characters."),
    "err_login_wrong": ("Nama pengguna atau kata sandi salah.", "Wrong username or password."),
    "err_account_locked": (
        (
            "Akun terkunci karena {n} kali salah kata sandi, sampai {until}. Hubungi admin untuk "
            "membukanya lebih cepat."
        ),
        (
            "The account is locked after {n} wrong passwords, until {until}. Contact an admin to "
            "unlock it sooner."
        ),
    ),
    "err_needs_note": ("{what} perlu catatan.", "{what} needs a note."),
    "what_status_change": ("Perubahan status", "A status change"),
    "what_sweep_messy": ("Penyisiran semrawut", "A messy sweep"),
    "what_handover": ("Penyerahan", "A hand-over"),
    "err_field_at_most": ("Paling banyak {n}.", "At most {n}."),
    "err_sweep_too_old": (
        "Penyisiran lebih dari {days} hari lalu tidak dapat dicatat di sini.",
        "A sweep more than {days} days ago cannot be recorded here.",
    ),
    "err_sweep_only_tidy": (
        "Hanya lokasi berstatus Tertata yang disisir; lokasi ini {status}.",
        "Only sites with status Tidied are swept; this site is {status}.",
    ),
    "err_field_owner_unit_eg": (
        "Mis. Seksi Tramtib Kec. {kecamatan}",
        "E.g. Seksi Tramtib Kec. {kecamatan}",
    ),
    "err_too_many_occurrences": (
        "Terlalu banyak kejadian ({n}); paling banyak {limit}.",
        "Too many occurrences ({n}); at most {limit}.",
    ),
    "err_required": ("{what} wajib diisi.", "{what} is required."),
    "err_too_long": ("{what} terlalu panjang.", "{what} is too long."),
    "what_answer": ("Jawaban", "The answer"),
    "err_photo_too_big": (
        "Foto terlalu besar ({size} MB); paling besar {limit} MB.",
        "The photo is too big ({size} MB); at most {limit} MB.",
    ),
    "err_photo_format": (
        "Format {kind} tidak diterima; hanya JPEG, PNG atau WebP.",
        "Format {kind} is not accepted; only JPEG, PNG or WebP.",
    ),
    "err_columns_not_editable": (
        "Kolom tidak dapat diubah di sini: {columns}.",
        "These columns cannot be changed here: {columns}.",
    ),
    "err_field_cause": ("Pilih penyebab dari daftar.", "Choose a cause from the list."),
    "err_field_source": (
        "Pilih sumber laporan dari daftar.",
        "Choose the report's source from the list.",
    ),
    "err_field_jaki_ticket": (
        "Laporan JAKI/CRM perlu nomor tiketnya.",
        "A JAKI/CRM report needs its ticket number.",
    ),
    "err_field_observed_at": ("Isi waktu genangan terlihat.", "Enter when the flooding was seen."),
    "err_field_observed_future": (
        "Waktu genangan ada di masa depan.",
        "The flooding time is in the future.",
    ),
    "err_field_phone": (
        "Nomor telepon: angka, spasi, + atau -.",
        "Phone number: digits, spaces, + or -.",
    ),
    "err_field_site_name": ("Nama lokasi wajib diisi.", "The site's name is required."),
    "err_field_category": (
        "Kategori tidak dikenal; pilih dari daftar.",
        "Unknown category; choose from the list.",
    ),
    "err_field_target_date": (
        "Tanggal target harus berupa tanggal.",
        "The target date must be a date.",
    ),
    "err_field_sweep_interval": (
        "Interval penyisiran 1 sampai 365 hari.",
        "Sweep interval 1 to 365 days.",
    ),
    "err_field_task_type": ("Pilih jenis tugas dari daftar.", "Choose a task type from the list."),
    "err_field_title": (
        "Judul wajib, paling banyak 120 karakter.",
        "A title is required, at most 120 characters.",
    ),
    "err_field_day_old": ("Tanggal lebih dari 30 hari lalu.", "The date is more than 30 days ago."),
    "err_field_depth": ("Kedalaman {low}–{high} cm.", "Depth {low}–{high} cm."),
    "err_field_too_old_import": (
        "Lebih dari {days} hari lalu: pakai impor berkas.",
        "More than {days} days ago: use a file import.",
    ),
    "err_field_max_chars": ("Paling banyak {n} karakter.", "At most {n} characters."),
    "err_field_max_chars_now": (
        "Paling banyak {n} karakter (sekarang {now}).",
        "At most {n} characters (now {now}).",
    ),
    "err_field_coordinate_number": (
        "Koordinat {name} harus berupa angka.",
        "Coordinate {name} must be a number.",
    ),
    "err_field_coordinate_range": (
        "Koordinat {name} harus antara -{limit} dan {limit}.",
        "Coordinate {name} must be between -{limit} and {limit}.",
    ),
    "err_coordinates_invalid": (
        "Koordinat titik tidak valid: {problems}",
        "The point's coordinates are not valid: {problems}",
    ),
    "err_point_outside": (
        (
            "Titik (lintang {lat}, bujur {lon}) berada di luar {kota}: {distance} dari Kelurahan "
            "{kelurahan}."
        ),
        (
            "The point (latitude {lat}, longitude {lon}) lies outside {kota}: {distance} from "
            "Kelurahan {kelurahan}."
        ),
    ),
}
