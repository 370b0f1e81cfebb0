"""Workbooks (.xlsx/.xlsm) as tables: the sheet that holds the list, its header under any
title rows, cached formula results as values; damaged or hostile files refused clearly."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator, Sequence
from itertools import chain, islice
from pathlib import Path

from defusedxml import DefusedXmlException
from openpyxl import load_workbook

from lnp_excel.core.columns import find_header_row, row_mentions
from lnp_excel.core.errors import NO_DATA, InputError, InputWarning
from lnp_excel.io.sheet_marks import fill_merged, sheet_marks, suspects
from lnp_excel.io.source_table import (
    MAX_COLUMNS,
    MAX_SCAN,
    SourceTable,
    collect_rows,
    column_letter,
    is_empty_row,
    is_nothing,
    table_from_grid,
)
from lnp_excel.io.workbook_limits import check_workbook_text


def read_workbook_rows(path: Path, sheet: str | None) -> tuple[list[list[object]], str]:
    """The raw grid of a sheet (row 0 = Excel row 1) and its name; the first visible
    sheet unless ``sheet`` names one."""
    with _workbook(path) as wb:
        ws = _named_sheet(wb, sheet, path) if sheet is not None else _visible_sheets(wb, path)[0]
        with _reading(path, ws.title):
            grid = collect_rows(_sheet_rows(ws, path), None)
        return grid, ws.title


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what caused it (openpyxl wraps parser errors in ValueError)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


@contextlib.contextmanager
def _reading(path: Path, sheet: str | None = None) -> Iterator[None]:
    """Turn whatever a damaged or hostile workbook makes openpyxl raise into an InputError."""
    try:
        yield
    except InputError:
        raise
    except Exception as exc:  # the library raises many types for bad files; none may escape
        chain = _causes(exc)
        if any(isinstance(e, DefusedXmlException) for e in chain):
            message = (
                "refused to read this workbook: it contains XML entity declarations "
                "(a possible 'XML bomb'); save it again from Excel"
            )
        elif any(isinstance(e, KeyError) for e in chain):
            missing = next(e for e in chain if isinstance(e, KeyError))
            message = f"the workbook is incomplete or damaged (missing part {missing})"
        else:
            root = chain[-1]
            detail = (str(root).strip().splitlines() or [""])[0][:200]
            message = (
                f"the workbook is damaged and cannot be read ({type(root).__name__}: {detail})"
            )
        raise InputError(message, file=path.name, sheet=sheet) from exc


@contextlib.contextmanager
def _workbook(path: Path) -> Iterator[object]:
    """Open read-only for values (cached formula results) and always close the file."""
    with _reading(path), path.open("rb") as fh:
        check_workbook_text(path)
        wb = load_workbook(fh, read_only=True, data_only=True, keep_links=False)
        try:
            yield wb
        finally:
            wb.close()


def _visible_sheets(wb: object, path: Path) -> list:
    if not wb.worksheets:
        raise InputError("the workbook has no worksheets (it may be damaged)", file=path.name)
    sheets = [ws for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    if not sheets:
        raise InputError("the workbook has no visible worksheet", file=path.name)
    return sheets


def _named_sheet(wb: object, sheet: str, path: Path) -> object:
    """Exact name first, then Excel's rule: names compare without case."""
    by_name = {ws.title: ws for ws in wb.worksheets}
    if sheet in by_name:
        return by_name[sheet]
    folded = {title.strip().casefold(): ws for title, ws in by_name.items()}
    if sheet.strip().casefold() in folded:
        return folded[sheet.strip().casefold()]
    if sheet in wb.sheetnames:
        raise InputError(f"sheet '{sheet}' is a chart, not a table", file=path.name)
    listed = ", ".join(f"'{title}'" for title in wb.sheetnames)
    raise InputError(f"no sheet named '{sheet}'; the workbook has: {listed}", file=path.name)


def _sheet_rows(ws: object, path: Path) -> Iterator[tuple]:
    """Rows as value tuples, ignoring the declared dimension (it can claim 1,048,576 rows).

    Cells right of column ``MAX_COLUMNS`` are not read (a sheet formatted out to column
    XFD would cost 16,384 cells a row); one holding a value is reported, never dropped
    without a word (issue 18 item 19).
    """
    ws.reset_dimensions()
    told = False
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if not told and len(row) > MAX_COLUMNS and not is_empty_row(row[MAX_COLUMNS:]):
            told = True
            extra = next(i for i, v in enumerate(row[MAX_COLUMNS:]) if not is_nothing(v))
            cell = f"{column_letter(MAX_COLUMNS + extra + 1)}{number}"
            warnings.warn(
                InputWarning(
                    f"{path.name}, sheet '{ws.title}': cells right of column "
                    f"{column_letter(MAX_COLUMNS)} are not read (the first with a value is "
                    f"{cell}); move the columns that matter to the left"
                ),
                stacklevel=1,  # one place: shown once however often the rows are read
            )
        yield row[:MAX_COLUMNS]


def _pick_sheet(wb: object, path: Path, required: Sequence[str]) -> object:
    """First visible sheet whose top rows name the required column, else the first one."""
    sheets = _visible_sheets(wb, path)
    for ws in sheets:
        with _reading(path, ws.title):
            head = collect_rows(_sheet_rows(ws, path), MAX_SCAN)
        if any(row_mentions(row, required) for row in head):
            return ws
    return sheets[0]


def read_workbook_table(
    path: Path, sheet: str | None, alias_groups: Sequence[Sequence[str]], max_rows: int | None
) -> SourceTable:
    name = path.name
    with _workbook(path) as wb:
        ws = (
            _named_sheet(wb, sheet, path)
            if sheet is not None
            else _pick_sheet(wb, path, alias_groups[0])
        )
        title = ws.title
        with _reading(path, title):
            rows = _sheet_rows(ws, path)
            head = list(islice(rows, MAX_SCAN))
            top = collect_rows(head, None)
            if not top and not any(True for _ in islice(rows, 1)):
                raise InputError("the sheet is empty", file=name, sheet=title, kind=NO_DATA)
            try:
                header_index = find_header_row(top, alias_groups)
            except InputError as exc:
                raise exc.located(file=name, sheet=title) from None
            limit = None if max_rows is None else header_index + 1 + max_rows
            grid = collect_rows(chain(head, rows), limit)
            marks = sheet_marks(ws)
    table = table_from_grid(
        grid, alias_groups=alias_groups, path=path, sheet=title, flag_rounded=True
    )
    table.suspect = suspects(marks, grid[table.header_row - 1], table)
    fill_merged(marks, grid[table.header_row - 1], table)
    return table
