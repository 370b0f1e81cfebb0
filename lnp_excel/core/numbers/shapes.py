"""What a cell holds besides one phone number: an extension, a tel: link, a date (N2, N2a).

An agent's list says ``(415) 555-0132 x12`` for a DID behind a PBX, ``tel:+1-212-...``
when the number was copied out of a web page, ``3/10/1984`` when a date landed in the
wrong column. The cleaning pass (``text``) asks these helpers once per distinct odd value,
so a reason names what is really there and an extension is kept apart instead of refused.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from lnp_excel.core.numbers.matrix import CLASS, POW10, SPACE, TILDES

_TILDE_CLASS = "".join(sorted(TILDES))
# The extension labels libphonenumber's parser reads (ext, extn, extension, xtn, x, #, ~,
# int, anexo, доб, ;ext=, ",,"), each with its digit limit. A label must not follow a
# letter ("1-800-SIX" has no extension x), and an extension ends the cell.
EXTENSION = re.compile(
    r"(?:;\s*ext=(?P<rfc>\d{1,20})"
    r"|[\s,]*(?<![^\W\d_])(?:e?xt(?:ensi[oó]n?|n)?|anexo|доб)[:.]?[\s,-]*(?P<labelled>\d{1,20})#?"
    rf"|[\s,]*(?<![^\W\d_])(?:x|int|[#{_TILDE_CLASS}])[:.]?[\s,-]*(?P<short>\d{{1,9}})#?"
    r"|\s*,,[\s,-]*(?P<dialled>\d{1,15})#?"
    r")\s*$",
    re.IGNORECASE,
)
# Every extension ``EXTENSION`` reads has one of these (";ext=", a label's letters, "#", a
# tilde, ",,"): a text without any has none, and the slow search is skipped.
_MAY_HOLD_EXTENSION = re.compile(rf"[;#{_TILDE_CLASS}]|,,|[^\W\d_]")
# Every character ``\s`` matches (str.isspace: the last is U+3000), and the comma.
_SPACES_AND_COMMAS = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + ","
_DATE = re.compile(
    r"(?:(?P<a>\d{1,2})(?P<s1>[/.-])(?P<b>\d{1,2})(?P=s1)(?P<y>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})(?P<s2>[/.-])(?P<im>\d{1,2})(?P=s2)(?P<id>\d{1,2}))"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AP]M)?)?",
    re.IGNORECASE,
)
MIN_MAIN_DIGITS = 7  # the shortest main number an extension is read after (a local number)
_TEL = re.compile(r"\s*tel:\s*", re.IGNORECASE)
_CONTEXT_FORMATTING = str.maketrans("", "", "-.()")


def extension_match(value: str) -> re.Match[str] | None:
    """``EXTENSION.search(value)``, fast: the search starts where a match can first start.

    Every match has a label character (``_MAY_HOLD_EXTENSION``) with only spaces and
    commas before it, so none starts before the first label character less the spaces
    and commas just before that; the pattern's look-behind still sees the text before."""
    label = _MAY_HOLD_EXTENSION.search(value)
    if label is None:
        return None
    return EXTENSION.search(value, len(value[: label.start()].rstrip(_SPACES_AND_COMMAS)))


def split_extension(value: str) -> tuple[str, str, str]:
    """(main number text, extension digits, label as written) or (value, "", "").

    What precedes an extension must be a number (7 digits or more) or nothing at all
    (an extension alone, refused by the caller): ``212~736~1234`` has no extension."""
    found = extension_match(value)
    if found is None:
        return value, "", ""
    main = value[: found.start()].rstrip(" ,;")
    if 0 < sum(map(str.isdigit, main)) < MIN_MAIN_DIGITS:
        return value, "", ""
    digits = next(g for g in found.group("rfc", "labelled", "short", "dialled") if g)
    return main, digits, found.group(0).strip(" ,")


def is_date(text: str) -> bool:
    """A date as Excel or a person writes it (3/10/1984, 1984-03-10, 10.03.84 09:30)."""
    found = _DATE.fullmatch(text.strip())
    if found is None:
        return False
    if found.group("iy"):
        year, month, day = (int(found.group(k)) for k in ("iy", "im", "id"))
        return 1800 <= year <= 2199 and 1 <= month <= 12 and 1 <= day <= 31
    first, second, year_text = int(found.group("a")), int(found.group("b")), found.group("y")
    year_ok = len(year_text) == 2 or 1800 <= int(year_text) <= 2199
    return (
        year_ok
        and min(first, second) >= 1
        and min(first, second) <= 12
        and max(first, second) <= 31
    )


SHOWN_LIMIT = 40  # characters of a cell a reason quotes


def shown_cell(value: object, limit: int = SHOWN_LIMIT) -> str:
    """A cell as a reason quotes it (N2): as written, stripped, control characters made
    visible (``\\x01``), cut to ``limit`` characters with an ellipsis. Every reason that
    names what is in the cell uses this, so ``see attached list`` stays readable."""
    text = "".join(
        f"\\x{ord(c):02x}" if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in str(value).strip()
    )
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def date_reason(shown: str) -> str:
    return f"a date ({shown}), not a phone number: is this the phone number column?"


_DATE_SEPARATORS = np.array([ord(c) for c in "/.-"], dtype=np.uint32)
# The whitespace ``str.strip`` removes, among the characters of the fast alphabet.
_STRIPPED = np.array(
    [c for c in np.flatnonzero(CLASS == SPACE) if chr(c).isspace()], dtype=np.uint32
)


def dates_by_shape(
    codes: np.ndarray, lengths: np.ndarray, value: np.ndarray, digits: np.ndarray
) -> np.ndarray:
    """``is_date`` for texts in the fast alphabet, in numpy: which rows are a date.

    ``codes`` are the rows' code points (``matrix.prepare``), ``lengths`` their lengths,
    ``value`` and ``digits`` their digits as one integer and a count (``digit_values``).
    In that alphabet a date is digits in three groups joined by two of one separator
    (``/ . -``: a time needs ``:``, which is not in it), whitespace around; the groups
    are read from the digits' value by their lengths and checked as ``is_date`` does."""
    found = np.zeros(len(codes), dtype=bool)
    few = np.flatnonzero((digits >= 4) & (digits <= 8))  # 1-2, 1-2, 2 to 4, 1-2, 1-2 digits
    found[few] = _dates(codes[few], lengths[few], value[few], digits[few])
    return found


def _dates(
    codes: np.ndarray, lengths: np.ndarray, value: np.ndarray, digits: np.ndarray
) -> np.ndarray:
    width = codes.shape[1]
    columns = np.arange(width)
    inside = columns < lengths[:, None]
    separator = np.isin(codes, _DATE_SEPARATORS) & inside
    content = inside & ~np.isin(codes, _STRIPPED)
    first = content.argmax(axis=1)
    last = width - 1 - content[:, ::-1].argmax(axis=1)
    shaped = (separator.sum(axis=1) == 2) & (content.sum(axis=1) == digits + 2)
    shaped &= content.sum(axis=1) == last - first + 1  # nothing but space around the date
    at1 = separator.argmax(axis=1)
    at2 = width - 1 - separator[:, ::-1].argmax(axis=1)
    rows = np.arange(len(codes))
    shaped &= codes[rows, at1] == codes[rows, at2]
    g1, g2, g3 = at1 - first, at2 - at1 - 1, last - at2
    v1 = value // POW10[np.clip(g2 + g3, 0, 18)]
    v2 = (value // POW10[np.clip(g3, 0, 18)]) % POW10[np.clip(g2, 0, 18)]
    v3 = value % POW10[np.clip(g3, 0, 18)]
    iso = (g1 == 4) & _one_or_two(g2) & _one_or_two(g3)
    iso &= (v1 >= 1800) & (v1 <= 2199) & (v2 >= 1) & (v2 <= 12) & (v3 >= 1) & (v3 <= 31)
    low, high = np.minimum(v1, v2), np.maximum(v1, v2)
    year_ok = (g3 == 2) | ((g3 == 4) & (v3 >= 1800) & (v3 <= 2199))
    written = _one_or_two(g1) & _one_or_two(g2) & year_ok
    written &= (low >= 1) & (low <= 12) & (high <= 31)
    return shaped & (iso | written)


def _one_or_two(group_length: np.ndarray) -> np.ndarray:
    return (group_length >= 1) & (group_length <= 2)


def name_dates(texts: np.ndarray, reasons: np.ndarray, rows: np.ndarray) -> None:
    """Give ``rows`` (texts that are dates) the date reason, once per distinct text."""
    if not len(rows):
        return
    codes, distinct = pd.factorize(pd.Series(texts[rows], dtype=object), sort=False)
    shown = np.array([date_reason(shown_cell(t)) for t in distinct], dtype=object)
    reasons[rows] = shown[codes]


def read_tel(value: str) -> tuple[str, str, str, bool]:
    """An RFC 3966 link -> (number text, extension, refusal reason, was a link).

    ``tel:+1-212-736-1234;ext=12`` holds the number +1 212 736 1234 and extension 12; a
    global ``phone-context=+64`` prefixes a local number with its country code, as
    libphonenumber does. Other parameters (``isub``, a domain context) say nothing about
    the number and are ignored. Text that is not a link comes back as it is.
    """
    link = _TEL.match(value)
    lowered = value.casefold()
    if link is None and ";phone-context=" not in lowered and ";isub=" not in lowered:
        return value, "", "", False
    body = value[link.end() :] if link else value
    number, *parameters = body.split(";")
    extension = context = ""
    for parameter in parameters:
        name, _, given = parameter.partition("=")
        name, given = name.strip().casefold(), given.strip()
        if name == "ext":
            extension = given
        elif name == "phone-context":
            context = given
    shown = shown_cell(value)
    if extension and not (extension.isdigit() and len(extension) <= 20):
        return "", "", f"a tel: link whose extension is not 1-20 digits ({shown})", True
    if context.startswith("+") and not number.strip().startswith("+"):
        digits = context.translate(_CONTEXT_FORMATTING)
        if not (digits[1:].isdigit() and len(digits) <= 8):
            return "", "", f"a tel: link with an unreadable phone-context ({shown})", True
        number = f"{digits} {number}"
    return number.strip(), extension, "", link is not None
