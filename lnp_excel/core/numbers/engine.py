"""Numbers in any human or Excel format -> classified numbers, fast (rules N1-N6).

Three passes, so a million ordinary numbers never meet libphonenumber one by one:

1. Values become text (N1): ints, whole floats (``2127361234.0``), strings; dates, booleans
   and fractional floats are refused with a reason (N2).
2. Text that already uses only digits and formatting (spaces, ``()-./``, a leading ``+`` or
   apostrophe) is read as a character matrix with numpy; anything else is cleaned once per
   distinct value (Unicode digits, scientific notation, extensions, letters, two numbers).
3. Digits are classified by the per-country automata of ``phonemeta`` (libphonenumber's own
   metadata, vectorized). Only rare shapes (a national prefix after ``+CC``, non-geographic
   codes, ``1`` + 11 digits) are parsed by libphonenumber, once per distinct value.

Pass 1 and the cleaning live in ``text``, pass 2 in ``matrix``, pass 3 in ``verdicts``;
N3, N4 and N6 on the verdicts in ``checks``. Only values that fail get a reason, found by
shape (issue 17): a refused text that is a date in numpy (``shapes.dates_by_shape``), the
common odd shapes (an extension, a tel: link, two numbers) by one match each.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import phonenumbers

from lnp_excel.core import Progress
from lnp_excel.core.columns import free_name
from lnp_excel.core.numbers import phonemeta
from lnp_excel.core.numbers.checks import add_notes, mark_duplicates, nanp_details
from lnp_excel.core.numbers.matrix import (
    MAX_DIGITS,
    PLUS,
    POW10,
    SPACE,
    digit_values,
    digits_after,
    fast_rows,
    prepare,
)
from lnp_excel.core.numbers.shapes import dates_by_shape, name_dates
from lnp_excel.core.numbers.text import BLANK_CELL, as_texts, clean_distinct
from lnp_excel.core.numbers.verdicts import (
    NANP_COUNTRY_CODE,
    Verdicts,
    key_of,
    libphonenumber_verdict,
    nanp_length_reason,
    run_country,
)
from lnp_excel.core.values import plain_cells

COLUMNS = (
    "input",
    "number",
    "extension",
    "region",
    "type",
    "npa_nxx",
    "status",
    "reason",
    "warning",
)
OK, EMPTY, INVALID, DUPLICATE = "ok", "empty", "invalid", "duplicate"
STATUSES = (INVALID, OK, EMPTY, DUPLICATE)  # status codes of normalize_with_keys
_STATUS_NAMES = np.array(STATUSES, dtype=object)
CHUNK_ROWS = 200_000
SHORT_TEXT = 20  # "+1 (212) 736-1234", "011 44 20 7946 0958": longer texts are rare
_NANP_LENGTH_REASONS = np.array([nanp_length_reason(n) for n in range(64)], dtype=object)


def normalize_numbers(
    values: Iterable[object] | pd.Series,
    default_region: str = "US",
    *,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Classify every input value; one output row per input, same order and index.

    Columns: ``input`` (as given), ``number`` (10 digits for NANP, E.164 otherwise; empty
    unless valid), ``extension`` (digits of a PBX extension kept apart from a valid number,
    N2a; "" when none), ``region`` (ISO code), ``type`` (local, toll-free, mobile, ...),
    ``npa_nxx`` (N4), ``status`` (ok, empty, invalid, duplicate), ``reason`` (why not ok,
    N2/N6) and ``warning`` (N3 plan warnings, N2a extension and tel: link notes on valid
    numbers). When ``values`` is a Series its index labels (e.g. sheet row numbers) name
    the first occurrence of a duplicate.
    """
    return normalize_with_keys(values, default_region, progress=progress)[0]


def normalize_with_keys(
    values: Iterable[object] | pd.Series,
    default_region: str = "US",
    *,
    progress: Progress | None = None,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """``normalize_numbers`` plus, per row, its int64 number key and status code.

    The key is the NANP national number (10 digits) for NANP numbers, a larger value
    derived from the E.164 digits otherwise, and 0 where the number is not valid. Equal
    keys are equal numbers, so callers can group and sort without re-reading strings.
    The status code is the position of the row's status in ``STATUSES`` (int8).
    """
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    series = plain_cells(series)  # bytes, sNaN, lists: a reason, never a raise (issue 18)
    count = len(series)
    labels = series.index if isinstance(values, pd.Series) else pd.RangeIndex(1, count + 1)
    texts, refusals = as_texts(series)
    out = Verdicts.empty(refusals)
    extension = np.full(count, "", dtype=object)
    note = np.full(count, "", dtype=object)
    cleaned = np.zeros(count, dtype=bool)  # rows read by the cleaning pass (``text``)

    for start in range(0, count, CHUNK_ROWS):
        rows = np.arange(start, min(count, start + CHUNK_ROWS))
        rows = rows[out.reason[rows] == ""]
        # The matrix passes cost in proportion to the widest text: texts longer than a
        # number is written (mostly odd ones: two numbers, extensions) get their own.
        lengths = np.fromiter(map(len, texts[rows]), dtype=np.int64, count=len(rows))
        long = lengths > SHORT_TEXT
        for part in (~long, long):
            odd = _read_rows(texts, rows[part], lengths[part], default_region, out, extension, note)
            cleaned[odd] = True
        if progress:
            progress(min(count, start + CHUNK_ROWS) / max(count, 1), "Normalizing numbers")

    status_code = (out.key > 0).astype(np.int8)  # positions in STATUSES
    empty = out.reason == BLANK_CELL
    status_code[empty] = STATUSES.index(EMPTY)
    out.reason[empty] = ""
    mark_duplicates(out.key, status_code, out.reason, labels, STATUSES.index(DUPLICATE))
    status = _STATUS_NAMES[status_code]
    npa_nxx, warning = nanp_details(out.number, out.key)
    add_notes(warning, out.reason, out.key, extension, note, np.flatnonzero(cleaned))
    given = series.array if isinstance(series.dtype, pd.StringDtype) else None
    frame = pd.DataFrame(
        {
            # A str column is passed as it is: no copy, no second validation of 1M strings.
            "input": given if given is not None else series.to_numpy(dtype=object),
            "number": text_array(out.number),
            "extension": text_array(extension),
            "region": text_array(out.region),
            "type": text_array(out.kind),
            "npa_nxx": npa_nxx,
            "status": text_array(status),
            "reason": text_array(out.reason),
            "warning": text_array(warning),
        },
        index=series.index,
        copy=False,
    )
    return frame, out.key, status_code


def _read_rows(
    texts: np.ndarray,
    rows: np.ndarray,
    lengths: np.ndarray,
    default_region: str,
    out: Verdicts,
    extension: np.ndarray,
    note: np.ndarray,
) -> np.ndarray:
    """Passes 2 and 3 for ``texts[rows]`` (of ``lengths``), verdicts written to ``out``;
    returns the rows the cleaning pass read (the only ones with an extension or a note)."""
    if not len(rows):
        return rows
    chunk = texts[rows]
    codes, classes, flags = prepare(chunk, lengths)
    fast = fast_rows(classes, flags)
    # Digits of every row (the few odd ones are dropped): no copy of the matrices.
    value, counts = digit_values(codes, classes)
    _classify(
        chunk[fast],
        value[fast],
        counts[fast],
        flags[fast],
        np.ones(int(fast.sum()), dtype=bool),
        default_region,
        out,
        rows[fast],
    )
    # N2: a refused text that is a date is named one (found by shape, in numpy). Blank
    # cells have no digits, so ``dates_by_shape`` leaves them alone.
    refused = np.flatnonzero(fast)
    refused = refused[out.key[rows[refused]] == 0]
    dated = dates_by_shape(codes[refused], lengths[refused], value[refused], counts[refused])
    name_dates(texts, out.reason, rows[refused[dated]])
    odd = rows[~fast]
    if len(odd):
        cleaned = clean_distinct(chunk[~fast])
        out.reason[odd] = cleaned.reason
        extension[odd], note[odd] = cleaned.extension, cleaned.note
        ok = cleaned.reason == ""
        codes, classes, flags = prepare(cleaned.text[ok])
        shaped = fast_rows(classes, flags)
        value, counts = digit_values(codes, classes)
        _classify(cleaned.text[ok], value, counts, flags, shaped, default_region, out, odd[ok])
    return odd


def text_array(values: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """An object array holding only str, as the str column pandas would infer for it.

    Built without a copy; a frame made with ``copy=False`` keeps it as it is, where
    letting the frame infer and copy the column costs ~3x more for a million strings.
    """
    return pd.Series(values, dtype="str", copy=False).array


DISPLAY_COLUMNS = {
    "number": "Normalized",
    "extension": "Extension",
    "region": "Region",
    "type": "Type",
    "npa_nxx": "NPA-NXX",
    "status": "Status",
    "reason": "Reason",
    "warning": "Warning",
}


def normalized_table(
    frame: pd.DataFrame,
    column: object,
    default_region: str = "US",
    *,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """The input table plus the engine's columns (display names), one row per input row.

    ``Row`` comes first: the frame's index, i.e. the sheet row each result came from.
    Columns whose names the input already uses (``Row``, ``Status``, ...) get a " (lnp)"
    suffix (``free_name``): a list may carry any header.
    """
    result = normalize_numbers(frame[column], default_region=default_region, progress=progress)
    added = result.drop(columns="input").rename(columns=DISPLAY_COLUMNS)
    added = added.rename(columns={c: free_name(c, list(frame.columns)) for c in added.columns})
    out = pd.concat([frame, added], axis=1)
    out.insert(0, free_name("Row", list(frame.columns)), frame.index)
    return out.reset_index(drop=True)


# --- pass 3: digits -> verdicts ------------------------------------------------------------


def _classify(
    texts: np.ndarray,
    value: np.ndarray,
    counts: np.ndarray,
    flags: np.ndarray,
    shaped: np.ndarray,
    default_region: str,
    out: Verdicts,
    rows: np.ndarray,
) -> None:
    """Verdicts for texts written to ``out`` at ``rows``, from their digits (``_digit_values``),
    class flags (``_row_flags``) and whether they are in the fast alphabet (``_fast_rows``)."""
    if not len(rows):
        return
    out.reason[rows[~shaped]] = "unexpected characters"
    has_plus = (flags & (1 << PLUS)) != 0
    zero = np.zeros(len(rows), dtype=np.int64)
    first, first3 = digits_after(value, counts, zero, 1), digits_after(value, counts, zero, 3)
    nanp_default = phonenumbers.country_code_for_region(default_region) == NANP_COUNTRY_CODE
    fallback = np.zeros(len(rows), dtype=bool)

    idd = shaped & ~has_plus & (counts >= 4) & (first3 == 11) & nanp_default
    international = (shaped & has_plus) | idd
    local = shaped & ~international
    if not nanp_default:
        fallback |= local
        local[:] = False
    fallback |= local & (counts >= 12) & (first == 1) & (counts <= MAX_DIGITS)
    no_digits = np.flatnonzero(shaped & (counts == 0))
    blank = flags[no_digits] < (1 << (SPACE + 1))  # only padding and spaces
    out.reason[rows[no_digits]] = np.where(blank, BLANK_CELL, "no digits")
    local &= counts > 0
    for mask, template in (
        (counts < 10, "too few digits ({}): a US or Canadian number has 10"),
        ((counts == 11) & (first != 1), "11 digits that do not start with country code 1"),
        ((counts >= 12) & (first != 1) & (counts < 20), "too many digits ({})"),
        (
            (counts >= 20) | ((counts > MAX_DIGITS) & (first == 1)),
            "too many digits ({}): two numbers in one cell?",
        ),
    ):
        chosen = np.flatnonzero(local & mask)
        distinct, inverse = np.unique(counts[chosen], return_inverse=True)
        texts_of = np.array([template.format(c) for c in distinct], dtype=object)
        out.reason[rows[chosen]] = texts_of[inverse]

    # NANP without '+': the national number is the last 10 digits (N1, N4).
    nanp = np.flatnonzero(local & ((counts == 10) | ((counts == 11) & (first == 1))))
    run_country(
        NANP_COUNTRY_CODE,
        nanp,
        value[nanp] % POW10[10],
        np.full(len(nanp), 10),
        out,
        rows,
        fallback,
        after_plus=False,
    )

    # '+' or 011: country code, then the national number.
    intl = np.flatnonzero(international)
    start = np.where(idd[intl], 3, 0)
    i_value, i_counts = value[intl], counts[intl]
    remaining = i_counts - start
    no_code = (remaining < 1) | (digits_after(i_value, i_counts, start, 1) == 0)
    code = np.zeros(len(intl), dtype=np.int64)
    code_len = np.zeros(len(intl), dtype=np.int64)
    for length in (3, 2, 1):
        candidate = digits_after(i_value, i_counts, start, length)
        known = np.isin(candidate, phonemeta.COUNTRY_CODES) & ~no_code
        code = np.where(known, candidate, code)
        code_len = np.where(known, length, code_len)
    nsn_len = remaining - code_len
    bad_len = (code > 0) & (
        (nsn_len < 2) | (nsn_len > phonemeta.MAX_NSN_DIGITS) | (i_counts > MAX_DIGITS)
    )
    out.reason[rows[intl[no_code]]] = "no valid country code after '+'"
    # "+011 44 ..." / "+00 44 ...": a '+' written before the international prefix itself;
    # libphonenumber reads the prefix, so it decides these few (once per value).
    prefix_after_plus = (
        no_code
        & has_plus[intl]
        & (
            (digits_after(i_value, i_counts, start, 2) == 0)
            | (digits_after(i_value, i_counts, start, 3) == 11)
        )
    )
    fallback[intl[prefix_after_plus]] = True
    out.reason[rows[intl[(code == 0) & ~no_code]]] = "unknown country code"
    out.reason[rows[intl[bad_len]]] = "wrong number of digits for the country code"
    # N2b: +1 is followed by exactly 10 digits; libphonenumber also accepts Canada's 7-digit
    # 310-XXXX numbers and a repeated 1, which the engine would read as a fake 10 digits.
    not_ten = (code == NANP_COUNTRY_CODE) & (nsn_len != 10)
    out.reason[rows[intl[not_ten]]] = _NANP_LENGTH_REASONS[np.clip(nsn_len[not_ten], 0, 63)]
    usable = (code > 0) & ~bad_len & ~not_ten
    nsn_value = i_value % POW10[np.clip(nsn_len, 0, MAX_DIGITS)]
    for country in np.unique(code[usable]):
        chosen = usable & (code == country)
        if phonemeta.is_geographic(int(country)) and phonemeta.compilable(int(country)):
            run_country(
                int(country),
                intl[chosen],
                nsn_value[chosen],
                nsn_len[chosen],
                out,
                rows,
                fallback,
                after_plus=True,
            )
        else:
            fallback[intl[chosen]] = True

    for i in np.flatnonzero(fallback):
        row = rows[i]
        verdict = libphonenumber_verdict(texts[i], default_region)
        out.number[row], out.region[row], out.kind[row], out.reason[row] = verdict
        out.key[row] = key_of(out.number[row])
