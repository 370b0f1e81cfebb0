"""Errors the shells turn into clear messages (never tracebacks)."""

from __future__ import annotations

# The values Excel shows for a failed formula: data that must never pass for a number,
# a carrier or an address.
EXCEL_ERRORS: frozenset[str] = frozenset(
    {
        "#N/A",
        "#REF!",
        "#VALUE!",
        "#DIV/0!",
        "#NAME?",
        "#NULL!",
        "#NUM!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    }
)


# ``InputError.kind`` values that code decides on (never the message text, which is
# written for people and may change).
NO_DATA = "no data"  # the file or sheet is empty, or has a header row but no data rows
TOO_MUCH_DATA = "too much data"  # more than an Excel sheet holds: the input is named


class InputError(ValueError):
    """Unusable input, located as precisely as we know: file, sheet, row, column.

    Shells print ``str(error)`` and exit with code 2 (CLI) or show a message box (Excel).
    ``kind`` (e.g. ``NO_DATA``) says what went wrong to code that handles some cases.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        kind: str | None = None,
    ) -> None:
        self.message = message
        self.kind = kind
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(str(self))

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(f"file {self.file}")
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def located(self, **where: object) -> InputError:
        """Return a copy with more location filled in (shells know the file, core does not)."""
        fields = {k: getattr(self, k) for k in ("file", "sheet", "row", "column")}
        fields.update({k: v for k, v in where.items() if v is not None and fields.get(k) is None})
        return InputError(self.message, kind=self.kind, **fields)  # type: ignore[arg-type]

    def __str__(self) -> str:
        where = self.where()
        return f"{self.message} ({where})" if where else self.message


class InputWarning(UserWarning):
    """Something in the input was changed or may be wrong, and the run goes on: an
    invalid byte replaced, a header's control character shown as its picture. The
    command line prints it as ``lnp-excel: warning: ...``, never with a source path."""


class OptionError(Exception):
    """An option value that cannot be used (``--submit-date 9999-12-31``), found while the
    command line is parsed. Not a ValueError on purpose: argparse would swallow that into
    "invalid value"; this one reaches ``main``, which prints it like an InputError, exit 2."""
