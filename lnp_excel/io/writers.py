"""Write results people open in Excel: atomically and without formula injection.

An interrupted run must never leave half a file or clobber the customer's sheet, and a
cell like "=HYPERLINK(...)" from a customer's file must not become a live formula.
Workbooks are written by ``workbook_writer`` on the same atomic files.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from lnp_excel.core.errors import InputError

# --- atomic files ----------------------------------------------------------------------

# What an output must not replace without --overwrite: the input, or every input.
Protected = str | Path | Sequence[str | Path] | None


def atomic_write(
    path: str | Path,
    write: Callable[[Path], None],
    *,
    protect: Protected = None,
    overwrite: bool = False,
) -> Path:
    """Call ``write(temp_path)`` then move the result onto ``path`` in one step.

    The temp file sits in the target folder (so the rename is atomic), is fsynced, and
    is removed if anything fails, Ctrl+C included. ``protect`` is the input file, or the
    input files (the list, its CSRs, ...): one is only replaced when ``overwrite`` is
    true. OS errors become an InputError on ``path``.
    """
    path = Path(path)
    given = [protect] if isinstance(protect, str | Path) else list(protect or ())
    inputs = [Path(p) for p in given if p is not None]
    hit = next((p for p in inputs if _same_file(path, p)), None) if not overwrite else None
    if hit is not None:
        raise InputError(
            f"refusing to overwrite the input file {hit.name}; "
            "choose another output or pass --overwrite",
            file=str(path),
        )
    if path.is_dir():
        raise InputError("the output path is a folder; give a file name", file=str(path))
    temp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.stem}.{secrets.token_hex(4)}.tmp{path.suffix}")
        with temp.open("xb"):  # reserve the name; honours the umask unlike mkstemp
            pass
        write(temp)
        with temp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, path)
        temp = None
        _fsync_dir(path.parent)
    except BaseException as exc:
        if temp is not None:
            temp.unlink(missing_ok=True)
        if isinstance(exc, PermissionError):
            raise InputError(
                "could not write the file: permission denied "
                "(if it is open in Excel, close it and try again)",
                file=str(path),
            ) from exc
        if isinstance(exc, OSError):
            raise InputError(
                f"could not write the file: {exc.strerror or exc}", file=str(path)
            ) from exc
        raise
    return path


def _same_file(path: Path, protect: Path) -> bool:
    try:
        return path.exists() and protect.exists() and os.path.samefile(path, protect)
    except OSError:
        return path.resolve() == protect.resolve()


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows cannot open folders)."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- formula injection (OWASP "CSV injection") ------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Plainly data, never a formula: "+44 20 7946 0958", "+1 (212) 736-1234", "-12.50".
_SAFE = re.compile(r"\+[\d \-.()]*\d[\d \-.()]*|-(?:\d+(?:\.\d*)?|\.\d+)")


def neutralize_formula(value: str) -> str:
    """Prefix an apostrophe to text Excel would run as a formula; phone numbers pass."""
    if value[:1] in FORMULA_STARTS and not _SAFE.fullmatch(value):
        return "'" + value
    return value


_FORMULA_START_CODES = np.array([ord(c) for c in FORMULA_STARTS], dtype=np.uint32)


def _risky_rows(raw: np.ndarray) -> np.ndarray:
    """Positions of text cells that start like a formula.

    Casting to one-character strings takes each value's first character in C (about 6x
    faster than a Python call per cell); the few hits are then checked to be text.
    """
    first = raw.astype("<U1").view(np.uint32)
    hits = np.flatnonzero(np.isin(first, _FORMULA_START_CODES))
    return hits[[type(raw[i]) is str for i in hits.tolist()]] if len(hits) else hits


def neutralize_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with every text cell and column name neutralized (vectorized)."""
    out = frame.copy()
    out.columns = [neutralize_formula(c) if isinstance(c, str) else c for c in out.columns]
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if not (column.dtype == object or isinstance(column.dtype, pd.StringDtype)):
            continue
        risky = _risky_rows(column.to_numpy(dtype=object))
        if not len(risky):
            continue
        values = column.to_numpy(dtype=object, copy=True)
        candidates = pd.Series(values[risky], dtype=object)
        safe = candidates.str.fullmatch(_SAFE).to_numpy(dtype=bool, na_value=False)
        unsafe = risky[~safe]
        if len(unsafe):
            values[unsafe] = "'" + candidates[~safe].to_numpy(dtype=object)
            out.isetitem(position, pd.Series(values, index=column.index, dtype=column.dtype))
    return out


# --- CSV -------------------------------------------------------------------------------


def write_csv(
    frame: pd.DataFrame,
    path: str | Path,
    *,
    protect: str | Path | None = None,
    overwrite: bool = False,
) -> Path:
    """UTF-8 with BOM and CRLF so Excel on Windows opens it right; index not written."""
    safe = neutralize_frame(frame)

    def write(temp: Path) -> None:
        safe.to_csv(temp, index=False, encoding="utf-8-sig", lineterminator="\r\n")

    return atomic_write(path, write, protect=protect, overwrite=overwrite)


# --- file names ------------------------------------------------------------------------

_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in range(10)}
_KEEP = set(" -_.()&")


def safe_filename(name: str, *, fallback: str = "customer") -> str:
    """A customer name made safe as a file name on Windows, macOS and Linux.

    Keeps letters, digits, space and - _ . ( ) &; other runs become one "_"; no "..",
    no leading/trailing dots or spaces, Windows device names get a "_", 100 chars max.
    """
    text = unicodedata.normalize("NFC", str(name or ""))
    cleaned = "".join(ch if ch.isalnum() or ch in _KEEP else "_" for ch in text)
    # Runs like "__" or ".._.." (what "../" becomes) shrink to one "_"; ".." to one ".".
    cleaned = re.sub(r"[._]{2,}", lambda m: "_" if "_" in m.group() else ".", cleaned)
    cleaned = cleaned.strip(" .")[:100].strip(" .")
    if not any(ch.isalnum() for ch in cleaned):
        return safe_filename(fallback, fallback="file") if fallback != name else "file"
    stem, dot, rest = cleaned.partition(".")
    if stem.rstrip(" ").upper() in _RESERVED:
        cleaned = (stem + "_" + dot + rest)[:100]
    return cleaned


RULES_NOTE = "Rule ids (N1, P3, C4a, ...): see docs/rules.md in lnp_excel."
"""The line every output that cites rule ids carries, pointing at the rules reference."""
