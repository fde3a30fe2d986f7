"""A record's history as a table: when (WIB), by whom, what changed, the note."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from pantau import vocab
from pantau.errors import NotAllowed
from pantau.history import Entry, record_history
from pantau.permissions import Actor
from pantau.timefmt import format_wib
from pantau.ui.context import database, lang, tr
from pantau.ui.text import plain

# Field -> (id, en) label; fields not listed show their column name.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name": ("Nama", "Name"),
    "address": ("Alamat", "Address"),
    "category": ("Kategori", "Category"),
    "target_date": ("Target", "Target date"),
    "sweep_interval_days": ("Interval sisir (hari)", "Sweep interval (days)"),
    "status": ("Status", "Status"),
    "owner_level": ("Tingkat", "Owner level"),
    "owner_unit": ("Unit", "Unit"),
    "last_sweep_at": ("Penyisiran", "Sweep"),
    "kelurahan_kode": ("Kelurahan", "Kelurahan"),
    "kecamatan_kode": ("Kecamatan", "Kecamatan"),
    "display_name": ("Nama", "Name"),
    "role": ("Peran", "Role"),
    "active": ("Aktif", "Active"),
    "locked_until": ("Terkunci sampai", "Locked until"),
    "password": ("Kata sandi", "Password"),
    "must_change_password": ("Wajib ganti kata sandi", "Must change password"),
    "default_password": ("Kata sandi demo", "Demo password"),
    "failed_logins": ("Gagal masuk", "Failed sign-ins"),
    "placement": ("Penempatan", "Placement"),
}
_VOCAB = {
    "status": "site_status",
    "owner_level": "owner_level",
    "category": "site_category",
    "role": "role",
}
_ACTIONS: dict[str, tuple[str, str]] = {
    "create": ("Dicatat", "Recorded"),
    "reset_password": ("Kata sandi sekali pakai dibuat", "One-time password made"),
    "password": ("Kata sandi diganti", "Password changed"),
    "lock": ("Akun terkunci", "Account locked"),
    "unlock": ("Kunci dibuka", "Unlocked"),
}


def describe(record_type: str, entry: Entry, lg: str) -> str:
    """One line saying what an event changed, in the user's language."""
    pick = 1 if lg == "en" else 0
    if entry.action in _ACTIONS or entry.field is None:
        text = _ACTIONS.get(entry.action, (entry.action, entry.action))[pick]
        if entry.action == "lock" and entry.new:
            text += " → " + format_wib(datetime.fromisoformat(entry.new), lg)
        return text
    if entry.field == "last_sweep_at":
        return tr("detail_swept")
    label = FIELD_LABELS.get(entry.field, (entry.field, entry.field))[pick]
    vocabulary = _VOCAB.get(entry.field)
    if record_type == "site" and entry.field == "category":
        vocabulary = "site_category"
    elif entry.field == "category":
        vocabulary = None
    old, new = entry.old or "–", entry.new or "–"
    if vocabulary:
        old = vocab.label(vocabulary, old, lg) if entry.old else "–"
        new = vocab.label(vocabulary, new, lg) if entry.new else "–"
    return f"{label}: {old} → {new}"


def show_history(
    actor: Actor, record_type: str, record_id: int, heading: str, *, limit: int = 200
) -> None:
    """The history table under `heading` (the newest `limit` events)."""
    lg = lang()
    st.markdown(f"**{heading}**")
    try:
        entries = record_history(database(), actor, record_type, record_id)
    except NotAllowed as exc:
        st.info(plain(str(exc)))
        return
    if not entries:
        st.caption(tr("detail_no_history"))
        return
    rows: list[tuple[str, str, str, str]] = []
    for e in entries:
        row = (
            format_wib(e.at, lg),
            e.who or tr("system"),
            describe(record_type, e, lg),
            e.note or "",
        )
        if not rows or rows[-1] != row:  # one action that set several flags reads as one line
            rows.append(row)
    columns = [tr("detail_when"), tr("history_who"), tr("detail_change"), tr("detail_note")]
    st.dataframe(pd.DataFrame(rows[:limit], columns=columns), hide_index=True, width="stretch")
