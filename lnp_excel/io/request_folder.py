"""A request folder holds one plan's request files, never two (P3c, issue 18).

Planning a second list into the same ``--export-dir`` used to leave the first plan's CSVs
beside the new ones, so one number could sit in two files, ready to upload twice. A plan
now leaves a manifest (``lnp_requests.json``) naming the files it wrote. Before the next
plan writes anything, the folder is checked:

* request files of an earlier plan (listed in its manifest) are refused, naming them,
  unless the caller may replace them (``--overwrite``, or the workbook's own export
  button); then exactly those files are removed, nothing else;
* request-shaped CSVs that no manifest lists (copied in by hand, or left by an older
  version) are refused even with ``--overwrite``: nothing knows whose they are.

The manifest is written first listing the old and the new files, and rewritten with the
new ones only when they are all in place, so an interrupted run leaves a manifest that
covers every request file in the folder and the next ``--overwrite`` cleans up.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from lnp_excel.core.errors import InputError
from lnp_excel.core.values import plural
from lnp_excel.io.writers import atomic_write

MANIFEST = "lnp_requests.json"  # not a .csv: a bulk upload of the folder never takes it
NOT_READY = "not_ready"  # export subfolder: requests a bulk upload must not include (P3c)
# The names ``export_requests`` gives: a request id (SS-, MG-, CU-) and ".csv".
_REQUEST_FILE = re.compile(r"^(?:SS|MG|CU)-[^/\\]+\.csv$", re.IGNORECASE)
_SHOWN = 5  # file names quoted in a message


def _request_files(folder: Path) -> set[str]:
    """Request-shaped CSVs in the folder and its ``not_ready`` subfolder, as relative
    names with ``/``."""
    found: set[str] = set()
    for where, prefix in ((folder, ""), (folder / NOT_READY, f"{NOT_READY}/")):
        if where.is_dir():
            found |= {
                prefix + p.name for p in where.iterdir() if p.is_file() and _is_request(p.name)
            }
    return found


def _is_request(name: str) -> bool:
    return bool(_REQUEST_FILE.match(name))


def _listed(folder: Path) -> set[str]:
    """The files the manifest names, kept only when they are request files of this folder
    or its ``not_ready`` subfolder (a hostile manifest names nothing outside)."""
    path = folder / MANIFEST
    if not path.is_file():
        return set()
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError) as error:
        raise InputError(
            f"the request folder's manifest {MANIFEST} cannot be read ({error}): remove it "
            "and the request files beside it, or choose another --export-dir",
            file=str(folder),
        ) from None
    names = {str(name) for name in files if isinstance(name, str)}
    return {
        name
        for name in names
        if _is_request(name.rpartition("/")[2])
        and name.rpartition("/")[0] in ("", NOT_READY)
        and ".." not in name
    }


def _quoted(names: Iterable[str]) -> str:
    ordered = sorted(names)
    shown = ", ".join(ordered[:_SHOWN])
    more = len(ordered) - _SHOWN
    return f"{shown} and {more:,} more" if more > 0 else shown


def earlier_requests(
    folder: str | Path, *, replace: bool, elsewhere: str = "choose another --export-dir"
) -> list[str]:
    """Check ``folder`` before a plan writes anything into it; the earlier plan's request
    files (relative names) that are to be removed once the new ones are written.

    Raises InputError naming the files when the folder holds request files of an earlier
    plan and ``replace`` is false, or request files no manifest lists (P3c); ``elsewhere``
    says how to write elsewhere instead (the command line's option, or the button's)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError("the export folder is a file; give a folder", file=str(folder))
    present = _request_files(folder)
    listed = _listed(folder) & present
    strangers = present - listed
    if strangers:
        raise InputError(
            f"the folder holds {plural(len(strangers), 'request file')} that no plan's "
            f"manifest lists ({_quoted(strangers)}): move them away or {elsewhere}, so "
            "that no number is in two request files",
            file=str(folder),
        )
    if listed and not replace:
        raise InputError(
            f"the folder holds {plural(len(listed), 'request file')} of an earlier plan "
            f"({_quoted(listed)}): pass --overwrite to replace them, or {elsewhere}, so "
            "that no number is in two request files",
            file=str(folder),
        )
    return sorted(listed)


def write_manifest(folder: str | Path, files: Sequence[str], *, source: str | None) -> Path:
    """Name the request files of the plan in ``folder`` (relative, ``/``-separated)."""
    record = {
        "written_by": "lnp-excel plan",
        "source": source,
        "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "files": sorted(set(files)),
    }
    text = json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    return atomic_write(Path(folder) / MANIFEST, lambda temp: temp.write_text(text, "utf-8"))


def remove_earlier(folder: str | Path, earlier: Iterable[str], kept: Iterable[str]) -> None:
    """Remove the earlier plan's files the new plan did not write again (P3c)."""
    folder = Path(folder)
    for name in sorted(set(earlier) - set(kept)):
        try:
            (folder / name).unlink(missing_ok=True)
        except OSError as error:
            raise InputError(
                f"could not remove the earlier request file {name}: {error.strerror or error}",
                file=str(folder),
            ) from None
    held = folder / NOT_READY
    if held.is_dir() and not any(held.iterdir()):
        held.rmdir()  # an empty not_ready/ would say requests are held back
