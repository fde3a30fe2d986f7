"""The weekly meeting: the state as of the meeting, what changed since the previous
one, who is behind — one `Brief` that the page, the PDF, the workbook and the
WhatsApp text all read, so their numbers are the same.

A meeting date is a WIB day; "as of" it means the end of that day (or now, when
the day is today). Site states at a past moment are rebuilt from the event log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd

from pantau.city.seam import current
from pantau.city.timefmt import day_start_utc, format_short_day, wib_today
from pantau.floods.pockets import chronic_stats, is_chronic
from pantau.kernel.events import replay
from pantau.kernel.i18n import t
from pantau.kernel.vocab import SITE_STATUSES, label
from pantau.sites import rules as site_rules
from pantau.store import Database, worklists
from pantau.store import mapdata as map_queries
from pantau.store import meeting as store
from pantau.store import reports as report_store


def meeting_moment(day: date, now: datetime) -> datetime:
    """The end of the WIB day `day` as naive UTC, but never later than `now`."""
    return min(day_start_utc(day + timedelta(days=1)) - timedelta(microseconds=1), now)


def default_dates(now: datetime) -> tuple[date, date]:
    """This week's meeting (today, WIB) and the one a week earlier."""
    today = wib_today(now)
    return today, today - timedelta(days=7)


def sites_as_of(db: Database, moment: datetime) -> pd.DataFrame:
    """Every site that existed at `moment`, with its fields as they were then (text, as
    the log holds them) and `id`; retired sites are left out."""
    rows = []
    for site_id, history in store.history_until(db.cursor(), "site", moment).items():
        try:
            state = replay(history)
        except ValueError:
            continue
        if state.get("retired") == "true":
            continue
        rows.append({"id": site_id, **state})
    return pd.DataFrame(rows)


@dataclass
class Brief:
    meeting: date
    compare: date
    at: datetime
    before: datetime
    headline: list[tuple[str, int, int]]  # (label, value at the meeting, value a week before)
    scoreboard: pd.DataFrame  # per kecamatan
    by_kelurahan: pd.DataFrame
    by_kota: pd.DataFrame = field(default_factory=pd.DataFrame)  # province-wide only
    lists: dict[str, pd.DataFrame] = field(default_factory=dict)
    sites_then: pd.DataFrame = field(default_factory=pd.DataFrame)
    lang: str = "id"  # the language of every text in the brief and its files


LIST_KEYS = ("changed", "regressed", "new_chronic", "overdue", "ping_pong", "directives")
LIST_TITLES = {key: t(f"meeting_l_{key}", "id") for key in LIST_KEYS}
# Columns naming people: left out on the shared screen.
PEOPLE_COLUMNS = ("oleh", "pemberi")
LINK_COLUMN = "tautan"


def list_title(key: str, lang: str = "id") -> str:
    return t(f"meeting_l_{key}", lang)


def column_label(column: str, lang: str = "id") -> str:
    """A list's or scoreboard's column header for people."""
    return t(f"meeting_c_{column}", lang)


def sheet_name(key: str, lang: str = "id") -> str:
    """The workbook sheet of a list (or of summary, kecamatan, kelurahan)."""
    return t(f"meeting_s_{key}", lang)[:31]


def human_columns(frame: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """`frame` with its headers as people read them, in `lang`."""
    return frame.rename(columns={c: column_label(str(c), lang) for c in frame.columns})


def _overdue(frame: pd.DataFrame, day: date) -> pd.Series:
    targets = [
        None if pd.isna(t) or t is None else date.fromisoformat(str(t)[:10])
        for t in frame.get("target_date", pd.Series(dtype=object))
    ]
    return pd.Series(
        [site_rules.is_overdue(s, t, day) for s, t in zip(frame["status"], targets, strict=True)],
        index=frame.index,
        dtype=bool,
    )


def _status_counts(frame: pd.DataFrame) -> dict[str, int]:
    return {
        t.code: int((frame["status"] == t.code).sum()) if not frame.empty else 0
        for t in SITE_STATUSES
    }


def _flood_days(db: Database, at: datetime) -> dict[int, int]:
    """Flood days per pocket in the window that decides chronic at `at`."""
    stats = chronic_stats(db, at)
    return {int(i): int(n) for i, n in zip(stats["id"], stats["floods"], strict=True)}


def build_brief(
    db: Database, meeting: date, compare: date, now: datetime, lang: str = "id"
) -> Brief:
    """Everything the meeting shows for `meeting` compared with `compare` (WIB days),
    every text in `lang`.

    Raises ValueError when the comparison is not before the meeting.
    """
    if compare >= meeting:
        raise ValueError("the comparison date must be before the meeting date")
    at, before = meeting_moment(meeting, now), meeting_moment(compare, now)
    cur = db.cursor()
    kec_names, kel_names = store.names(cur)
    then, earlier = sites_as_of(db, at), sites_as_of(db, before)
    then_overdue = _overdue(then, meeting) if not then.empty else pd.Series(dtype=bool)
    earlier_overdue = _overdue(earlier, compare) if not earlier.empty else pd.Series(dtype=bool)
    now_counts, was_counts = _status_counts(then), _status_counts(earlier)

    def window(since: datetime, until: datetime) -> dict[str, pd.DataFrame]:
        return {
            "opened": store.count_between(cur, "reports", "created_at", since, until),
            "closed": store.count_between(cur, "reports", "closed_at", since, until),
            "sweeps": store.count_between(cur, "sweeps", "swept_at", since, until),
            "tasks": store.tasks_done_between(cur, since, until),
        }

    this_week = window(before, at)
    last_week = window(before - (at - before), before)

    def total(frame: pd.DataFrame) -> int:
        return int(frame["n"].sum()) if "n" in frame and not frame.empty else len(frame)

    headline = [
        (t("meeting_h_sites", lang), len(then), len(earlier)),
        *[(s.label(lang), now_counts[s.code], was_counts[s.code]) for s in SITE_STATUSES],
        (t("meeting_h_overdue", lang), int(then_overdue.sum()), int(earlier_overdue.sum())),
        (t("meeting_h_opened", lang), total(this_week["opened"]), total(last_week["opened"])),
        (t("meeting_h_closed", lang), total(this_week["closed"]), total(last_week["closed"])),
        (t("meeting_h_sweeps", lang), total(this_week["sweeps"]), total(last_week["sweeps"])),
        (t("meeting_h_tasks", lang), len(this_week["tasks"]), len(last_week["tasks"])),
    ]
    scoreboard, by_kel, by_kota = _scoreboards(then, then_overdue, this_week, kec_names, kel_names)
    brief = Brief(
        meeting, compare, at, before, headline, scoreboard, by_kel, by_kota,
        sites_then=then, lang=lang,
    )  # fmt: skip
    brief.lists = _lists(db, brief, then, then_overdue, kel_names)
    return brief


def _scoreboards(
    then: pd.DataFrame,
    overdue: pd.Series,
    week: dict[str, pd.DataFrame],
    kec_names: dict[str, str],
    kel_names: dict[str, str],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Per kecamatan, per kelurahan, and — for a province-wide wilayah — per kota."""
    sites = (
        then.assign(overdue=overdue)
        if not then.empty
        else pd.DataFrame(columns=["kecamatan_kode", "kelurahan_kode", "status", "overdue"])
    )
    sites = sites.assign(kota_kode=sites["kecamatan_kode"].astype(str).str[:5])
    week = {k: _with_kota(v) for k, v in week.items()}

    def board(key: str, names: dict[str, str]) -> pd.DataFrame:
        rows = []
        for code, name in sorted(names.items()):
            mine = sites[sites[key] == code]
            tidy = int((mine["status"] == "tertata").sum())
            row = {
                "kode": code,
                "nama": name,
                "lokasi": len(mine),
                "tertata": tidy,
                "persen_tertata": round(100 * tidy / len(mine)) if len(mine) else 0,
                "terlambat": int(mine["overdue"].sum()),
                "penyisiran": _sum(week["sweeps"], key, code),
                "laporan_masuk": _sum(week["opened"], key, code),
                "laporan_ditutup": _sum(week["closed"], key, code),
                "tugas_selesai": int((week["tasks"][key] == code).sum()),
            }
            rows.append(row)
        frame = pd.DataFrame(rows)
        # Behind = most overdue, then the lowest share tidied.
        frame = frame.sort_values(["terlambat", "persen_tertata"], ascending=[False, True])
        return frame.reset_index(drop=True)

    kecamatan = board("kecamatan_kode", kec_names)
    kelurahan = board("kelurahan_kode", kel_names)
    kelurahan.insert(2, "kecamatan", [kec_names.get(k[:8], "") for k in kelurahan["kode"]])
    here = current()
    kota = (
        board("kota_kode", {k.kode: k.nama for k in here.kota})
        if here.level == "provinsi"
        else pd.DataFrame()
    )
    return kecamatan, kelurahan, kota


def _with_kota(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with the kota code of its kecamatan."""
    return frame.assign(kota_kode=frame["kecamatan_kode"].astype(str).str[:5])


def _sum(frame: pd.DataFrame, key: str, code: str) -> int:
    return int(frame.loc[frame[key] == code, "n"].sum()) if not frame.empty else 0


def _lists(
    db: Database, brief: Brief, then: pd.DataFrame, overdue: pd.Series, kel_names: dict[str, str]
) -> dict[str, pd.DataFrame]:
    cur = db.cursor()
    lang = brief.lang
    by_id = then.set_index("id") if not then.empty else pd.DataFrame()

    def site_columns(ids: list[int]) -> dict[str, list[object]]:
        return {
            "kode": [by_id.loc[i, "code"] if i in by_id.index else "" for i in ids],
            "nama": [by_id.loc[i, "name"] if i in by_id.index else "" for i in ids],
            "kelurahan": [
                kel_names.get(str(by_id.loc[i, "kelurahan_kode"]), "") if i in by_id.index else ""
                for i in ids
            ],
        }

    def site_links(ids: list[int]) -> dict[str, list[object]]:
        return {LINK_COLUMN: [f"/lokasi?id={i}" for i in ids]}

    def status(code: object) -> str:
        return label("site_status", str(code), lang)

    def day(value: object) -> str:
        text = "" if value is None or pd.isna(value) else str(value)[:10]  # type: ignore[call-overload]
        return format_short_day(date.fromisoformat(text), lang) if text else ""

    moves = store.changes_between(cur, "site", "status", brief.before, brief.at)
    moves = moves[moves["record_id"].isin(by_id.index)] if not moves.empty else moves
    ids = [int(i) for i in moves["record_id"]]
    changed = pd.DataFrame(
        {
            **site_columns(ids),
            "dari": [status(v) for v in moves["old_value"]],
            "menjadi": [status(v) for v in moves["new_value"]],
            "oleh": moves["who"].fillna(t("history_system", lang)).tolist(),
            "catatan": moves["note"].fillna("").tolist(),
            **site_links(ids),
        }
    )
    regressed = changed[
        pd.Series(
            [str(v) == "kembali_semrawut" for v in moves["new_value"]],
            index=changed.index,
            dtype=bool,
        )
    ]
    late_ids = [int(i) for i in then.loc[overdue, "id"]] if not then.empty else []
    late_columns = ["kode", "nama", "kelurahan", "status", "target", "hari_terlambat", LINK_COLUMN]
    late = (
        pd.DataFrame(
            {
                **site_columns(late_ids),
                "status": [status(by_id.loc[i, "status"]) for i in late_ids],
                "target": [day(by_id.loc[i, "target_date"]) for i in late_ids],
                "hari_terlambat": [
                    (brief.meeting - date.fromisoformat(str(by_id.loc[i, "target_date"])[:10])).days
                    for i in late_ids
                ],
                **site_links(late_ids),
            }
        ).sort_values(["hari_terlambat", "kode"], ascending=[False, True])
        if late_ids
        else pd.DataFrame(columns=late_columns)
    )
    now_days, before_days = _flood_days(db, brief.at), _flood_days(db, brief.before)
    stats = report_store.pocket_stats(cur, brief.at - timedelta(days=365), brief.at)
    fresh = stats[
        [
            is_chronic(now_days.get(int(i), 0)) and not is_chronic(before_days.get(int(i), 0))
            for i in stats["id"]
        ]
    ]
    new_chronic = pd.DataFrame(
        {
            "titik": [f"#{int(i)}" for i in fresh["id"]],
            "nama": ["" if n is None or pd.isna(n) else str(n) for n in fresh["name"]],
            "kelurahan": fresh["kelurahan"].tolist(),
            "hari_tergenang": [int(n) for n in fresh["floods"]],
            "terdalam_cm": [int(d) for d in fresh["max_depth"]],
            LINK_COLUMN: [f"/titik?id={int(i)}" for i in fresh["id"]],
        }
    )
    directives = worklists.open_directives(cur)
    directives = directives[directives["created_at"] <= brief.at]
    unanswered = pd.DataFrame(
        {
            "kode": directives["code"].tolist(),
            "nama": directives["name"].tolist(),
            "kelurahan": directives["kelurahan"].fillna("").tolist(),
            "arahan": directives["text"].tolist(),
            "tenggat": [day(d) for d in directives["due_date"]],
            "pemberi": directives["author"].fillna("").tolist(),
            LINK_COLUMN: [f"/lokasi?id={int(i)}" for i in directives["site_id"]],
        }
    )
    return {
        "changed": changed,
        "regressed": regressed.reset_index(drop=True),
        "new_chronic": new_chronic,
        "overdue": late.reset_index(drop=True),
        "ping_pong": _ping_pong(db, lang),
        "directives": unanswered,
    }


PING_PONG_COLUMNS = ["jenis", "kode", "nama", "kelurahan", "urutan", LINK_COLUMN]
_PAGES = {"site": "/lokasi", "report": "/genangan"}


def _ping_pong(db: Database, lang: str) -> pd.DataFrame:
    """Sites and reports handed back and forth between levels, each named by its code
    (a report by its number), name and kelurahan, with its page in the app."""
    cur = db.cursor()
    rows: list[dict[str, object]] = []
    for record_type in ("site", "report"):
        changes = map_queries.owner_level_changes(cur, record_type)
        bouncing = {
            rid: seq
            for rid, seq in site_rules.level_sequences(changes).items()
            if site_rules.reversals(seq) >= site_rules.PING_PONG_REVERSALS
        }
        names = store.record_labels(cur, record_type, sorted(int(i) for i in bouncing))
        for rid, seq in sorted(bouncing.items()):
            known = names.get(int(rid), {})
            rows.append(
                {
                    "jenis": t(f"meeting_kind_{record_type}", lang),
                    "kode": known.get("code") or f"#{rid}",
                    "nama": known.get("name") or "",
                    "kelurahan": known.get("kelurahan") or "",
                    "urutan": " → ".join(label("owner_level", str(v), lang) for v in seq),
                    LINK_COLUMN: f"{_PAGES[record_type]}?id={rid}",
                }
            )
    return pd.DataFrame(rows, columns=PING_PONG_COLUMNS)


# Presentation: which way each headline figure should move, and lists cut to what a
# slide shows.
RISE_IS = {  # +1: a rise is good; -1: a rise is bad; 0: neither (only "up" or "down")
    "meeting_h_sites": 0,
    "belum_ditangani": -1,
    "dalam_penataan": 0,
    "tertata": 1,
    "kembali_semrawut": -1,
    "meeting_h_overdue": -1,
    "meeting_h_opened": -1,
    "meeting_h_closed": 1,
    "meeting_h_sweeps": 1,
    "meeting_h_tasks": 1,
}


@dataclass(frozen=True)
class Change:
    """A headline figure's change since the comparison date, in words as well as colour."""

    delta: int
    tone: str  # "good", "bad" or "neutral"
    text: str  # "▲ +3 lebih baik", "▼ −2 worse", "= 0 tetap"


def rise_is(name: str, lang: str = "id") -> int:
    """Whether a rise of the headline figure labelled `name` (in `lang`) is good (+1),
    bad (-1) or neither (0; also for a label this module does not know)."""
    for key, sign in RISE_IS.items():
        known = t(key, lang) if key.startswith("meeting_") else label("site_status", key, lang)
        if known == name:
            return sign
    return 0


def change(delta: int, rise: int, lang: str = "id") -> Change:
    """`delta` with an arrow, a sign (a true minus) and a word: better or worse when
    `rise` says which way is good, else up or down."""
    if delta == 0:
        return Change(0, "neutral", f"= 0 {t('meeting_same', lang)}")
    up = delta > 0
    number = f"{'▲ +' if up else '▼ −'}{abs(delta)}"
    if rise == 0:
        return Change(
            delta, "neutral", f"{number} {t('meeting_up' if up else 'meeting_down', lang)}"
        )
    good = up == (rise > 0)
    word = t("meeting_better" if good else "meeting_worse", lang)
    return Change(delta, "good" if good else "bad", f"{number} {word}")


def headline_changes(brief: Brief) -> list[Change]:
    """Each headline figure's change, in the order of `brief.headline`."""
    return [change(v - b, rise_is(n, brief.lang), brief.lang) for n, v, b in brief.headline]


def top_rows(frame: pd.DataFrame, limit: int) -> tuple[pd.DataFrame, int]:
    """The first `limit` rows of `frame` and how many were left out."""
    return frame.head(limit), max(len(frame) - limit, 0)


def more_text(left_out: int, lang: str = "id") -> str:
    """ "dan 16 lainnya" / "and 16 more"; empty when nothing was left out."""
    return t("meeting_more", lang, n=left_out) if left_out > 0 else ""
