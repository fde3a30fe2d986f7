"""Several warnings at once from a CSV/XLSX file (a season's rob forecast, a week of
BMKG bulletins): every row is checked as the form checks one warning, and the file
lands whole or not at all, with a report naming each row and column at fault."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from pantau.access.permissions import Actor, event_user_id, require
from pantau.city.names import kelurahan_kode
from pantau.files import importing
from pantau.files.clerk_input import combine
from pantau.files.tables import header_key
from pantau.kernel.errors import InvalidInput, Text
from pantau.kernel.events import create_event
from pantau.kernel.i18n import tn
from pantau.kernel.vocab import VOCABULARIES
from pantau.siaga.warnings import WarningDraft, derived_kelurahan, validate
from pantau.store.ports import Store

NAMES: dict[str, tuple[str, ...]] = {
    "kind": ("jenis", "jenis peringatan", "kind"),
    "level": ("tingkat", "level", "status siaga"),
    "source": ("sumber", "source"),
    "source_ref": ("rujukan", "referensi", "nomor", "reference"),
    "starts": ("mulai", "waktu mulai", "dari", "start", "starts"),
    "ends": ("selesai", "waktu selesai", "sampai", "end", "ends"),
    "kelurahan": ("kelurahan", "wilayah", "cakupan"),
    "note": ("catatan", "keterangan", "note"),
}
REQUIRED = ("kind", "level", "source", "starts", "ends")
MAX_ROWS = 200
VOCAB = {"kind": "warning_kind", "level": "warning_level", "source": "warning_source"}
# Where a field's problem is reported: the heading people know.
HEADINGS = {
    "kind": "jenis",
    "level": "tingkat",
    "source": "sumber",
    "source_ref": "rujukan",
    "starts": "mulai",
    "ends": "selesai",
    "kelurahan": "kelurahan",
    "note": "catatan",
}


class ImportReport(importing.ImportReport):
    def done(self, lang: str = "id") -> str:
        return tn("siaga_import_done", self.added, lang)


def _code(vocabulary: str, text: str) -> str:
    """A vocabulary code written as its code or either label ("Rob", "awas", "BMKG")."""
    key = header_key(text)
    for term in VOCABULARIES[vocabulary].values():
        if key in {header_key(term.code), header_key(term.id),
                   header_key(term.en)}:  # fmt: skip
            return term.code
    return text.strip()


def _cell(row: dict[str, object], name: str) -> str:
    value = row.get(name)
    if value is None or (isinstance(value, float) and value != value):  # NaN: an empty cell
        return ""
    return str(value).strip()


def import_warnings(
    db: Store, actor: Actor, frame: pd.DataFrame, now: datetime, *, dry_run: bool = False
) -> ImportReport:
    """Check every row, then enter all warnings in one transaction — or none.
    Raises NotAllowed unless the actor may manage warnings; a bad file returns a report
    with `ok` False and writes nothing."""
    require(actor, "manage_warnings")
    report = ImportReport(rows=len(frame))
    found = importing.match_headings(frame.columns, NAMES)
    mapped = frame.rename(columns={c: f for f, c in found.items() if c is not None})
    for column in REQUIRED:
        if column not in mapped.columns:
            report.problems.append((1, HEADINGS[column], Text("imp_required_column_missing")))
    if report.problems:
        return report
    rows = []
    for line, record in enumerate(mapped.to_dict("records"), start=2):
        cells = {str(k): v for k, v in record.items()}
        problems: list[tuple[str, str]] = []
        starts, _, why_start = combine(_cell(cells, "starts"))
        ends, _, why_end = combine(_cell(cells, "ends"))
        if starts is None:
            problems.append(("mulai", why_start))
        if ends is None:
            problems.append(("selesai", why_end))
        kelurahan: list[str] = []
        for part in _cell(cells, "kelurahan").replace(";", ",").split(","):
            if part.strip():
                try:
                    kelurahan.append(kelurahan_kode(part.strip()))
                except InvalidInput as exc:
                    problems.append(("kelurahan", str(exc)))
        if starts is not None and ends is not None:
            draft = WarningDraft(
                kind=_code("warning_kind", _cell(cells, "kind")),
                level=_code("warning_level", _cell(cells, "level")),
                source=_code("warning_source", _cell(cells, "source")),
                starts=starts,
                ends=ends,
                source_ref=_cell(cells, "source_ref"),
                kelurahan=tuple(kelurahan),
                note=_cell(cells, "note"),
            )
            try:
                values = validate(draft, now)
            except InvalidInput as exc:
                problems += [
                    (HEADINGS.get(f, f), Text(m.key, **m.params)) for f, m in exc.field_msgs.items()
                ]
            else:
                kodes = draft.kelurahan or derived_kelurahan(db, draft.kind, now)
                if not kodes:
                    problems.append(("kelurahan", Text("siaga_err_field_none_derived")))
                values.update(
                    kelurahan_kodes=",".join(sorted(set(kodes))),
                    coverage="dipilih" if draft.kelurahan else "otomatis",
                )
                rows.append(values)
        report.problems += [(line, column, message) for column, message in problems]
    if not rows and not report.problems:
        report.problems.append((1, "-", Text("imp_no_data_rows")))
    if report.problems or dry_run:
        return report
    with db.write() as s:
        events = []
        for values in rows:
            values.update(
                status="aktif",
                cancel_reason=None,
                is_sample=False,
                created_at=now,
                updated_at=now,
            )
            warning_id = s.records.insert("warnings", values)
            assert warning_id is not None
            events.append(
                create_event(
                    "warning", warning_id, values, now, event_user_id(actor), "Impor berkas"
                )
            )
        s.events.append(events)
    report.added = len(rows)
    return report
