"""Reading an uploaded CSV or XLSX file into text columns, whatever a spreadsheet or a
hostile person made of it.

- CSV text is decoded by its byte-order mark (UTF-8, UTF-16 as Excel's "Unicode text",
  UTF-32), else as UTF-8, else as Windows-1252 (what Excel in Indonesia saves as
  "CSV"), else as latin-1; the delimiter (``;``, ``,`` or tab) is taken from the
  heading line. Binary files (a picture or a PDF renamed .csv) are refused.
- XLSX is streamed row by row (openpyxl read-only), so a file over the caller's row
  limit is refused once the limit is passed, not after the whole file is parsed.
- Control characters are dropped (`safetext.clean`), trailing blank rows ignored, a
  repeated heading refused (naming both columns) and so is a cell longer than Excel
  allows (naming its row and column).

Every refusal is an `InvalidInput` with one Indonesian sentence a clerk can act on.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from pantau.kernel.errors import InvalidInput, Msg, msg
from pantau.kernel.safetext import clean, clean_frame

MAX_CELL = 32_767  # Excel's own limit for one cell
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_CHUNK = 2_000
_DELIMITERS = ("\t", ";", ",")  # on a tie, the first wins
_MAGIC = (
    (b"\xd0\xcf\x11\xe0", "file_kind_xls"),
    (b"%PDF", "file_kind_pdf"),
    (b"\x89PNG", "file_kind_png"),
    (b"\xff\xd8\xff", "file_kind_jpeg"),
    (b"GIF8", "file_kind_gif"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_QUOTE = re.compile(r"EOF inside string starting at row (\d+)")

EMPTY = "err_file_empty"


UNREADABLE_XLSX = "err_xlsx_unreadable"


def read(name: str, content: bytes, max_rows: int) -> pd.DataFrame:
    """The first sheet (XLSX) or the table (CSV) of `content` as text columns named by
    the heading row; missing cells are NaN. Raises InvalidInput."""
    suffix = Path(name).suffix.lower()
    if suffix in (*XLSX_SUFFIXES, *CSV_SUFFIXES):
        _refuse_other_formats(content, "XLSX" if suffix in XLSX_SUFFIXES else "CSV")
    if suffix in XLSX_SUFFIXES or (suffix in CSV_SUFFIXES and content[:4] == b"PK\x03\x04"):
        rows = _xlsx_rows(content, max_rows)
    elif suffix in CSV_SUFFIXES:
        rows = _csv_rows(content)
    else:
        raise InvalidInput("err_file_type_unknown", suffix=suffix or "?")
    return _table(rows, max_rows)


# --- CSV ----------------------------------------------------------------------------------


def decode(content: bytes) -> str:
    """Text of a CSV file: by its BOM, else UTF-8, else Windows-1252, else latin-1.
    Raises InvalidInput for a binary file."""
    _refuse_other_formats(content, "CSV")
    text = None
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                text = content.decode(encoding)
            except UnicodeDecodeError:
                raise InvalidInput("err_file_bom_mismatch") from None
            break
    if text is None:
        text = _without_bom(content)
    text = text.lstrip("\ufeff")
    sample = text[:65_536]
    if sample and len(_BINARY.findall(sample)) > max(len(sample) // 100, 8):
        raise InvalidInput("err_file_binary")
    return str(clean(text))


def _refuse_other_formats(content: bytes, wanted: str) -> None:
    """Raises InvalidInput when `content` starts like a picture, a PDF or an old .xls."""
    for magic, what in _MAGIC:
        if content.startswith(magic):
            raise InvalidInput("err_file_other_format", what=msg(what), wanted=wanted)


def _without_bom(content: bytes) -> str:
    head = content[:4096]
    if len(head) >= 8:  # UTF-16 without a BOM: every other byte of ASCII text is NUL
        odd, even = head[1::2].count(0), head[0::2].count(0)
        for encoding, nul, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
            if nul > len(head) // 4 and other == 0:
                try:
                    return content.decode(encoding)
                except UnicodeDecodeError:
                    break
    for encoding in ("utf-8", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def delimiter(text: str) -> str:
    """`;`, `,` or tab: the one the heading line (else the first lines) uses most."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    for sample in (lines[:1], lines):
        counts = {d: sum(_unquoted(line).count(d) for line in sample) for d in _DELIMITERS}
        best = max(_DELIMITERS, key=lambda d: counts[d])
        if counts[best]:
            return best
    return ","


def _unquoted(line: str) -> str:
    return re.sub(r'"[^"]*"', "", line)


def _csv_rows(content: bytes) -> Iterator[list[str | None]]:
    text = decode(content)
    if not text.strip():
        raise InvalidInput(EMPTY)
    try:
        chunks = pd.read_csv(
            io.StringIO(text), sep=delimiter(text), header=None, dtype=str, engine="c",
            keep_default_na=False, na_values=[""], chunksize=_CHUNK, skip_blank_lines=True,
        )  # fmt: skip
        for chunk in chunks:
            yield from chunk.astype(object).where(chunk.notna(), None).values.tolist()
    except pd.errors.ParserError as exc:
        problem = _parser_problem(str(exc))
        raise InvalidInput(problem.key, **problem.params) from None
    except pd.errors.EmptyDataError:
        raise InvalidInput(EMPTY) from None


def _parser_problem(message: str) -> Msg:
    if m := _FIELDS.search(message):
        expected, line, saw = m.groups()
        return msg("err_csv_columns", line=line, saw=saw, expected=expected)
    if m := _QUOTE.search(message):
        return msg("err_csv_quote", line=int(m[1]) + 1)
    return msg("err_csv_unreadable")


# --- XLSX ---------------------------------------------------------------------------------


def _xlsx_rows(content: bytes, max_rows: int) -> Iterator[list[str | None]]:
    import openpyxl

    if _rows_with_values(content, max_rows + 2) > max_rows + 1:
        raise InvalidInput("err_file_too_many_rows", limit=max_rows)
    try:
        book = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise InvalidInput(UNREADABLE_XLSX) from None
    try:
        if not book.worksheets:
            raise InvalidInput(EMPTY)
        sheet = book.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):  # declared dimensions may be wrong
            sheet.reset_dimensions()
        try:
            for values in sheet.iter_rows(values_only=True):
                yield [_cell_text(v) for v in values]
        except InvalidInput:
            raise
        except Exception:  # a damaged sheet: openpyxl's own message helps nobody here
            raise InvalidInput(UNREADABLE_XLSX) from None
    finally:
        book.close()


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _rows_with_values(content: bytes, stop: int) -> int:
    """How many rows of the first sheet hold a value, counting no further than `stop`:
    a quick look at the sheet's XML before openpyxl reads it (openpyxl parses a whole
    sheet that lacks a declared size just to open it). 0 when the look fails; the real
    reader then says what is wrong."""
    from xml.etree.ElementTree import fromstring, iterparse

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            book = fromstring(archive.read("xl/workbook.xml"))
            first = next(book.iter(f"{_MAIN}sheet")).get(_REL)
            rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            target = next(r.get("Target", "") for r in rels if r.get("Id") == first)
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            count = 0
            with archive.open(path) as sheet:
                for _, element in iterparse(sheet):
                    if element.tag == f"{_MAIN}row":
                        if any(c.find(f"{_MAIN}v") is not None or c.find(f"{_MAIN}is")
                               is not None for c in element):  # fmt: skip
                            count += 1
                            if count >= stop:
                                return count
                        element.clear()
            return count
    except Exception:  # only a shortcut: openpyxl then gives the real error
        return 0


def _cell_text(value: object) -> str | None:
    """A cell as pandas' Excel reader showed it with dtype=str (45, 16.3, 2026-11-03
    00:00:00, 16:30:00), so dates and times read as they did before."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- the table ----------------------------------------------------------------------------


def _table(rows: Iterable[list[str | None]], max_rows: int) -> pd.DataFrame:
    """Heading row, then data rows up to the last one with something in it; stops
    reading as soon as a row past `max_rows` has data. Raises InvalidInput."""
    it = iter(rows)
    header = next(it, None)
    if header is None:
        raise InvalidInput(EMPTY)
    data: list[list[str | None]] = []
    blanks: list[list[str | None]] = []  # blank rows not yet followed by data
    for row in it:
        if all(v is None or not str(v).strip() for v in row):
            blanks.append(row)
            continue
        data += blanks
        blanks = []
        data.append(row)
        if len(data) > max_rows:
            raise InvalidInput("err_file_too_many_rows", limit=max_rows)
    width = max([len(header), *(len(r) for r in data)])
    headings = [" ".join(str(clean(h)).split()) if h is not None else "" for h in header]
    headings += [""] * (width - len(headings))
    _check_headings(headings)
    names = [h or f"Kolom {i + 1}" for i, h in enumerate(headings)]
    frame = pd.DataFrame(
        [r + [None] * (width - len(r)) for r in data], columns=names, dtype="str"
    ) if data else pd.DataFrame({n: pd.Series([], dtype="str") for n in names})  # fmt: skip
    empty_unnamed = [n for n, h in zip(names, headings, strict=True) if not h]
    frame = frame.drop(columns=[n for n in empty_unnamed if frame[n].isna().all()])
    frame = clean_frame(frame)
    _check_cells(frame)
    return frame


def _letter(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _check_headings(headings: list[str]) -> None:
    from pantau.files.importing import header_key

    seen: dict[str, int] = {}
    for i, heading in enumerate(headings):
        if len(heading) > MAX_CELL:
            raise InvalidInput(
                "err_heading_too_long",
                column=i + 1,
                letter=_letter(i),
                length=_count(len(heading)),
                limit=_count(MAX_CELL),
            )
        key = header_key(heading)
        if not key:
            continue
        if key in seen:
            j = seen[key]
            same = (
                msg("err_heading_same_text", heading=heading)
                if headings[j] == heading
                else msg("err_heading_same_key", first=headings[j], second=heading)
            )
            raise InvalidInput(
                "err_heading_repeated",
                first=j + 1,
                second=i + 1,
                first_letter=_letter(j),
                second_letter=_letter(i),
                same=same,
            )
        seen[key] = i


def _check_cells(frame: pd.DataFrame) -> None:
    for column in frame.columns:
        lengths = frame[column].str.len()
        if len(lengths) and lengths.max() > MAX_CELL:
            index = int(str(lengths.idxmax()))
            raise InvalidInput(
                "err_cell_too_long",
                row=index + 2,
                column=column,
                length=_count(int(lengths.max())),
                limit=_count(MAX_CELL),
            )


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")
