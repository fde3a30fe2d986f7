"""The site list: filters (a camat or lurah starts on their own area), a sortable
table whose rows open the site's page (cards on a phone), exports, the camat's bulk
table, and the admin's import and new-site form."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st

from pantau.access.permissions import Actor, Area, allowed
from pantau.city import areas
from pantau.city.seam import current
from pantau.files.importing import read_table
from pantau.kernel import vocab
from pantau.kernel.errors import PantauError, in_lang
from pantau.kernel.vocab import SITE_OWNER_LEVELS
from pantau.sites.bulk import RowChange, apply_rows
from pantau.sites.importer import MAX_ROWS, add_site, import_sites
from pantau.sites.listing import SiteQuery, to_csv, to_geojson, to_xlsx
from pantau.ui import kept, uploads
from pantau.ui.actions import show_error, show_problems
from pantau.ui.context import database, lang, settings, tr, trn
from pantau.ui.filterbar import kecamatan_of, kota_choice
from pantau.ui.listnav import linked_table
from pantau.ui.session import area_label
from pantau.ui.text import plain


def filters(actor: Actor) -> SiteQuery:
    """The sidebar filters, kept for the session (`pantau.ui.kept`): opening a site
    and coming back finds them as they were. A camat or lurah starts on their own
    area (they can widen it); everyone else starts on the whole city."""
    lg = lang()
    every = tr("all")
    with st.sidebar:
        st.subheader(tr("filters"))
        text = st.text_input(
            tr("list_search"), placeholder="CTH-… / nama", **kept.widget("l_text", "")
        )
        kota = kota_choice(**kept.widget("l_kota", actor.kota_kode or ""))
        kecs = kecamatan_of(kota)
        if not kept.has("l_kec"):
            kept.put("l_kec", actor.kecamatan_kode or "")
        if kept.get("l_kec") not in kecs:
            kept.put("l_kec", "")
        kec = st.selectbox(
            tr("filter_kecamatan"), ["", *kecs], format_func=lambda c: kecs.get(c, every),
            **kept.widget("l_kec", ""),
        )  # fmt: skip
        kels = {
            k.kode: k.nama for k in areas.kelurahan_list()
            if k.kecamatan_kode == kec or (not kec and k.kecamatan_kode in kecs)
        }  # fmt: skip
        if not kept.has("l_kel"):
            kept.put("l_kel", actor.kelurahan_kode or "")
        if kept.get("l_kel") not in kels:
            kept.put("l_kel", "")
        kel = st.selectbox(
            tr("filter_kelurahan"), ["", *kels], format_func=lambda c: kels.get(c, every),
            **kept.widget("l_kel", ""),
        )  # fmt: skip
        statuses = st.multiselect(
            tr("filter_status"), vocab.codes("site_status"), placeholder=every,
            format_func=lambda c: vocab.label("site_status", c, lg),
            **kept.widget("l_status", []),
            select_all=False,
        )  # fmt: skip
        categories = st.multiselect(
            tr("filter_category"), vocab.codes("site_category"), placeholder=every,
            format_func=lambda c: vocab.label("site_category", c, lg),
            **kept.widget("l_cat", []),
            select_all=False,
        )  # fmt: skip
        levels = st.multiselect(
            tr("filter_owner"), list(SITE_OWNER_LEVELS), placeholder=every,
            format_func=lambda c: vocab.label("owner_level", c, lg),
            **kept.widget("l_level", []),
            select_all=False,
        )  # fmt: skip
        overdue = st.checkbox(tr("map_overdue"), **kept.widget("l_overdue", False))
        due = st.checkbox(tr("map_due_sweep"), **kept.widget("l_due", False))
        ping = st.checkbox(tr("map_ping_pong"), **kept.widget("l_ping", False))
    return SiteQuery(
        text or "", kec or kota or None, kel if kel in kels else None, tuple(statuses),
        tuple(categories), tuple(levels), bool(overdue), bool(due), bool(ping),
    )  # fmt: skip


def area_notice(actor: Actor, query: SiteQuery) -> None:
    """Say so when the list shows only the user's own area (the preset)."""
    own = actor.kelurahan_kode or actor.kecamatan_kode
    shown = query.kelurahan or query.kecamatan
    if own and shown == own:
        area = area_label(actor.kecamatan_kode, actor.kelurahan_kode)
        st.caption(":material/filter_alt: " + tr("list_area_preset", area=plain(area)))


# Wide screens get the table, phones a card per site (the table would need sideways
# scrolling there); both are sent and CSS shows the one that fits.
NARROW_CSS = """<style>
@media (max-width: 640px) { .st-key-sitelist_table { display: none !important; } }
@media (min-width: 641px) { .st-key-sitelist_cards { display: none !important; } }
.st-key-sitelist_cards button { justify-content: flex-start; text-align: left; }
</style>"""


def _flags(frame: pd.DataFrame, *, overdue: bool = True) -> list[str]:
    """The warnings per site as one text ("Perlu disisir · Bolak-balik"); the table
    leaves out overdue, which its days-late column already says."""
    labels = (("overdue", "map_overdue"), ("due_sweep", "map_due_sweep"),
              ("ping_pong", "map_ping_pong"))[0 if overdue else 1:]  # fmt: skip
    return [
        " · ".join(tr(key) for column, key in labels if row[column])
        for row in frame[[c for c, _ in labels]].to_dict("records")
    ]


def table(frame: pd.DataFrame) -> None:
    """The list: a table on wide screens, cards on a phone. A click on a row (or a
    card's title) opens the site's page in this tab, still signed in."""
    st.html(NARROW_CSS)
    with st.container(key="sitelist_table"):
        st.caption(":material/touch_app: " + tr("list_pick_hint"))
        _wide(frame)
    with st.container(key="sitelist_cards"):
        _cards(frame)


def _wide(frame: pd.DataFrame) -> None:
    lg = lang()
    view = pd.DataFrame(
        {
            "code": frame["code"],
            "name": frame["name"],
            "status": [vocab.label("site_status", s, lg) for s in frame["status"]],
            "kelurahan": frame["kelurahan"],
            "target": pd.to_datetime(frame["target_date"]),
            "days_late": frame["days_late"].where(frame["days_late"] > 0).astype("Int64"),
            "flags": _flags(frame, overdue=False),
            "overdue": frame["overdue"],
            "due_sweep": frame["due_sweep"],
            "ping_pong": frame["ping_pong"],
        }
    )
    linked_table(
        view,
        [int(i) for i in frame["id"]],
        "pages/lokasi.py",
        key="sites",
        height=min(36 * (len(view) + 1) + 4, 640),
        column_order=[
            "code",
            "name",
            "status",
            "kelurahan",
            "target",
            "days_late",
            "flags",
        ],
        # Widths sum to what a 1440 px screen leaves beside the sidebar (978 px,
        # measured), so the table never scrolls sideways there. Category stays in
        # the filters and exports; a site's name usually says it already.
        column_config={
            "code": st.column_config.TextColumn(tr("col_code"), width=100, pinned=True),
            "name": st.column_config.TextColumn(tr("site_name"), width=350),
            "status": st.column_config.TextColumn(tr("map_status"), width=120),
            "kelurahan": st.column_config.TextColumn(tr("col_kelurahan"), width=120),
            "target": st.column_config.DateColumn(tr("site_target"), format="DD/MM/YYYY", width=85),
            "days_late": st.column_config.NumberColumn(tr("col_days_late"), format="%d", width=80),
            "flags": st.column_config.TextColumn(tr("col_flags"), width=110),
        },
    )


def _cards(frame: pd.DataFrame) -> None:
    """One card per site for a phone: code and name (a tap opens the site's page;
    a page link to this same page would not change the address), then status,
    kelurahan, days late and warnings."""
    lg = lang()
    flags = _flags(frame, overdue=False)
    for (_, row), flag in zip(frame.iterrows(), flags, strict=True):
        site_id = int(row["id"])
        with st.container(border=True):
            if st.button(
                plain(f"{row['code']} · {row['name']}"),
                key=f"site_card_{site_id}",
                type="tertiary",
                icon=":material/chevron_right:",
            ):
                st.switch_page("pages/lokasi.py", query_params={"id": str(site_id)})
            n = int(row["days_late"] or 0)
            late = trn("days_late_short", n) if n else ""
            parts = [
                vocab.label("site_status", row["status"], lg),
                plain(row["kelurahan"] or ""),
                f":red[{late}]" if late else "",
                flag,
            ]
            st.caption(" · ".join(p for p in parts if p))


def exports(frame: pd.DataFrame, today: date) -> None:
    stamp = today.isoformat()
    c1, c2, c3 = st.columns(3)
    c1.download_button("CSV", to_csv(frame), f"lokasi-penataan-{stamp}.csv", "text/csv",
                       icon=":material/download:", width="stretch")  # fmt: skip
    c2.download_button(
        "XLSX", to_xlsx(frame), f"lokasi-penataan-{stamp}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:", width="stretch",
    )  # fmt: skip
    c3.download_button(
        "GeoJSON", to_geojson(frame), f"lokasi-penataan-{stamp}.geojson",
        "application/geo+json", icon=":material/download:", width="stretch",
    )  # fmt: skip


def bulk_editor(actor: Actor, frame: pd.DataFrame, now: datetime) -> None:
    """Several sites at once: status, target date and a note per row."""
    mine = frame[
        [allowed(actor, "edit_site", Area(kec, kel)) for kec, kel in
         zip(frame["kecamatan_kode"], frame["kelurahan_kode"], strict=True)]
    ]  # fmt: skip
    if mine.empty:
        return
    lg = lang()
    st.subheader(tr("bulk_heading"))
    st.caption(tr("bulk_caption"))
    base = pd.DataFrame(
        {
            "id": mine["id"].astype(int),
            "version": mine["version"].astype(int),
            "code": mine["code"],
            "name": mine["name"],
            "status": mine["status"],
            "target": pd.to_datetime(mine["target_date"]).dt.date,
            "note": "",
        }
    ).reset_index(drop=True)
    columns: dict[str, Any] = {
            "code": st.column_config.TextColumn(tr("col_code")),
            "name": st.column_config.TextColumn(tr("site_name")),
            "status": st.column_config.SelectboxColumn(
                tr("map_status"), options=vocab.codes("site_status"), required=True,
                format_func=lambda c: vocab.label("site_status", str(c), lg),
            ),
            "target": st.column_config.DateColumn(tr("site_target"), format="DD/MM/YYYY"),
            "note": st.column_config.TextColumn(tr("status_note"), max_chars=500),
    }  # fmt: skip
    edited = st.data_editor(
        base,
        key="bulk",
        hide_index=True,
        width="stretch",
        disabled=["id", "version", "code", "name"],
        column_order=["code", "name", "status", "target", "note"],
        column_config=columns,
    )
    changes = _changes(base, edited)
    if st.button(tr("bulk_save", n=len(changes)), disabled=not changes, type="primary"):
        outcomes = apply_rows(database(), actor, changes, now)
        st.session_state["bulk_outcomes"] = [(o.code, o.ok, o.message) for o in outcomes]
        st.session_state.pop("bulk", None)
        st.rerun()
    shown = st.session_state.pop("bulk_outcomes", None)
    if shown:
        good = sum(1 for _, ok, _ in shown if ok)
        (st.success if good == len(shown) else st.warning)(tr("bulk_result", ok=good, n=len(shown)))
        st.dataframe(
            pd.DataFrame(shown, columns=[tr("col_code"), "OK", tr("detail_note")]),
            hide_index=True, width="stretch",
        )  # fmt: skip


def _changes(base: pd.DataFrame, edited: pd.DataFrame) -> list[RowChange]:
    out: list[RowChange] = []
    for old, new in zip(base.to_dict("records"), edited.to_dict("records"), strict=True):
        status = new["status"] if new["status"] != old["status"] else None
        old_t = None if pd.isna(old["target"]) else old["target"]
        new_t = None if pd.isna(new["target"]) else new["target"]
        target: date | str | None = new_t if new_t != old_t else "unchanged"
        if status or target != "unchanged":
            out.append(RowChange(int(old["id"]), int(old["version"]), status, target,
                                 str(new["note"] or "") or None))  # fmt: skip
    return out


def admin_tools(actor: Actor, now: datetime) -> None:
    example = current().example_point
    st.subheader(tr("import_heading"))
    st.caption(tr("import_caption"))
    upload = uploads.table(tr("import_file"), key="site_import")
    if upload is not None and st.button(tr("import_run"), key="site_import_run"):
        try:
            frame = read_table(upload.name, upload.getvalue(), max_rows=MAX_ROWS)
            with st.spinner(tr("import_running", n=len(frame))):
                report = import_sites(database(), actor, frame, now, settings().gap_tolerance_m)
        except PantauError as exc:
            show_error(exc)
            return
        if report.ok:
            st.success(report.text(lang()))
        else:
            show_problems(report.problems)
    with st.expander(tr("site_add"), icon=":material/add_location:"), st.form("site_add_form"):
        c1, c2 = st.columns(2)
        values = {
            "kode": c1.text_input(tr("col_code"), key="add_code"),
            "nama": c2.text_input(tr("site_name"), key="add_name"),
            "kategori": c1.selectbox(
                tr("site_category"), vocab.codes("site_category"), key=kept.labelled("add_cat"),
                format_func=lambda c: vocab.label("site_category", c, lang()),
            ),
            "bujur": c1.text_input(tr("lon"), key="add_lon", placeholder=example[0]),
            "lintang": c2.text_input(tr("lat"), key="add_lat", placeholder=example[1]),
            "alamat": st.text_input(tr("site_address"), key="add_addr"),
            "tingkat": c1.selectbox(tr("handover_level"), list(SITE_OWNER_LEVELS), key="add_lvl"),
            "unit": c2.text_input(tr("handover_unit"), key="add_unit"),
            "target": st.date_input(tr("site_target"), None, key="add_target"),
            "interval": st.number_input(tr("site_interval"), 1, 365, 14, key="add_iv"),
        }  # fmt: skip
        if st.form_submit_button(tr("site_add"), type="primary"):
            report = add_site(database(), actor, values, now, settings().gap_tolerance_m)
            if report.ok:
                st.success(report.text(lang()))
            else:
                for _, column, message in report.problems:
                    st.error(f"{column}: {in_lang(message, lang())}")


def editing() -> bool:
    """Unsaved work on the list page: changes in the bulk editor or a site being added."""
    bulk = st.session_state.get("bulk") or {}
    pending = bulk.get("edited_rows") if isinstance(bulk, dict) else None
    adding = any(st.session_state.get(k) for k in ("add_code", "add_name"))
    return bool(pending) or adding
