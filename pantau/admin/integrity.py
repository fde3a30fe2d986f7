"""`pantau check`: is the database sound? Every point joined, no orphan rows,
and the event log able to rebuild every record exactly as stored."""

from __future__ import annotations

from dataclasses import dataclass, field

from pantau.kernel.events import replay, tracked
from pantau.store import Database, tables
from pantau.store import integrity as checks


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        lines = [f"✔ {n}" for n in self.notes] + [f"✘ {p}" for p in self.problems]
        lines.append("Hasil: BAIK" if self.ok else f"Hasil: {len(self.problems)} masalah")
        return "\n".join(lines)


def check(db: Database) -> CheckReport:
    cur = db.cursor()
    report = CheckReport()
    for label, n in checks.run_orphan_checks(cur):
        if n:
            report.problems.append(f"{n} {label}")
    if not report.problems:
        report.notes.append("tidak ada baris yatim (orphan)")
    unjoined = checks.unjoined_points(cur)
    if unjoined.empty:
        report.notes.append("setiap titik tergabung ke kelurahan")
    else:
        for tbl, grp in unjoined.groupby("tbl"):
            ids = ", ".join(str(i) for i in grp["id"].head(10))
            more = f" dan {len(grp) - 10} lagi" if len(grp) > 10 else ""
            report.problems.append(
                f"{len(grp)} titik di {tbl} di luar semua kelurahan: id {ids}{more} — "
                "pindahkan atau konfirmasi di halaman Admin"
            )
    placements = [tables.read(cur, t, ["placement"])["placement"] for t in tables.LOCATED_TABLES]
    gaps = int(sum((p == "gap").sum() for p in placements))
    if gaps:
        report.notes.append(f"{gaps} titik di celah antar-poligon, ditandai 'gap'")
    confirmed = int(sum((p == "confirmed").sum() for p in placements))
    if confirmed:
        report.notes.append(f"{confirmed} titik di luar batas, dikonfirmasi admin")
    for table, n in checks.records_without_create_event(cur):
        if n:
            report.problems.append(f"{n} baris {table} tanpa peristiwa 'create' di log")
    mismatched = 0
    for record_type, table in checks.EVENT_TABLES.items():
        mismatched += _replay_mismatches(db, record_type, table, report)
    if not mismatched:
        report.notes.append("log peristiwa membangun ulang setiap data persis sama")
    return report


ADDED_COLUMN_DEFAULTS = (None, "false")


def _replay_mismatches(db: Database, record_type: str, table: str, report: CheckReport) -> int:
    cur = db.cursor()
    grouped = checks.events_of_type(cur, record_type)
    bad: list[int] = []
    for row in tables.rows(cur, table):
        history = grouped.get(int(row["id"]))
        if history is None:
            continue  # reported as missing create event
        try:
            state = replay(history)
        except ValueError:
            bad.append(int(row["id"]))
            continue
        current = tracked(row)
        # A column added by a later migration is absent from older create snapshots;
        # it must then still hold its default (false or empty).
        if any(
            (state[k] != v) if k in state else v not in ADDED_COLUMN_DEFAULTS
            for k, v in current.items()
        ):
            bad.append(int(row["id"]))
    if bad:
        report.problems.append(
            f"{len(bad)} baris {table} tidak sama dengan log peristiwanya: id "
            + ", ".join(str(i) for i in bad[:10])
        )
    return len(bad)
