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

Pass 1 and the cleaning live in ``number_text``; N3, N4 and N6 on the verdicts in
``number_checks``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import phonenumbers

from lnp_excel.core import phonemeta
from lnp_excel.core.number_checks import mark_duplicates, nanp_details
from lnp_excel.core.number_text import EMPTY_REASON, as_texts, clean_distinct

COLUMNS = ("input", "number", "region", "type", "npa_nxx", "status", "reason", "warning")
OK, EMPTY, INVALID, DUPLICATE = "ok", "empty", "invalid", "duplicate"
STATUSES = (INVALID, OK, EMPTY, DUPLICATE)  # status codes of normalize_with_keys
_STATUS_NAMES = np.array(STATUSES, dtype=object)
NANP_COUNTRY_CODE = 1
CHUNK_ROWS = 200_000
MAX_FAST_WIDTH = 32

# Character classes for the matrix pass.
_PAD, _DIGIT, _SPACE, _PUNCT, _PLUS, _APOS, _DOT, _OTHER = range(8)
_CLASS = np.full(0x10000, _OTHER, dtype=np.uint8)  # the last entry must stay _OTHER
_CLASS[0] = _PAD
_CLASS[48:58] = _DIGIT
for _code in (9, 32, 160, 0x2007, 0x202F, 0x2009, 0x200A, 0x200B, 0x2060, 0xFEFF, 0x3000):
    _CLASS[_code] = _SPACE
_CLASS[0x2000:0x200B] = _SPACE
for _code in (ord("("), ord(")"), ord("-"), ord("/"), 0x2010, 0x2011, 0x2012, 0x2013, 0x2212):
    _CLASS[_code] = _PUNCT
_CLASS[ord("+")] = _PLUS
for _code in (ord("'"), 0x2018, 0x2019):
    _CLASS[_code] = _APOS
_CLASS[ord(".")] = _DOT
_SPECIAL_BITS = (1 << _PLUS) | (1 << _APOS) | (1 << _DOT)

Progress = Callable[[float, str], None]


def normalize_numbers(
    values: Iterable[object] | pd.Series,
    default_region: str = "US",
    *,
    progress: Progress | None = None,
) -> pd.DataFrame:
    """Classify every input value; one output row per input, same order and index.

    Columns: ``input`` (as given), ``number`` (10 digits for NANP, E.164 otherwise; empty
    unless valid), ``region`` (ISO code), ``type`` (local, toll-free, mobile, ...),
    ``npa_nxx`` (N4), ``status`` (ok, empty, invalid, duplicate), ``reason`` (why not ok,
    N2/N6) and ``warning`` (N3 plan warnings on valid numbers). When ``values`` is a Series
    its index labels (e.g. sheet row numbers) name the first occurrence of a duplicate.
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
    count = len(series)
    labels = series.index if isinstance(values, pd.Series) else pd.RangeIndex(1, count + 1)
    texts, refusals = as_texts(series)
    out = _Verdicts.empty(refusals)

    for start in range(0, count, CHUNK_ROWS):
        rows = np.arange(start, min(count, start + CHUNK_ROWS))
        rows = rows[out.reason[rows] == ""]
        chunk = texts[rows]
        codes, classes, flags = _prepare(chunk)
        fast = _fast_rows(classes, flags)
        # Digits of every row (the few odd ones are dropped): no copy of the matrices.
        value, counts = _digit_values(codes, classes)
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
        odd = rows[~fast]
        if len(odd):
            cleaned, why = clean_distinct(chunk[~fast])
            out.reason[odd] = why
            ok = why == ""
            codes, classes, flags = _prepare(cleaned[ok])
            shaped = _fast_rows(classes, flags)
            value, counts = _digit_values(codes, classes)
            _classify(cleaned[ok], value, counts, flags, shaped, default_region, out, odd[ok])
        if progress:
            progress(min(count, start + CHUNK_ROWS) / max(count, 1), "Normalizing numbers")

    status_code = (out.key > 0).astype(np.int8)  # positions in STATUSES
    empty = out.reason == EMPTY_REASON
    status_code[empty] = STATUSES.index(EMPTY)
    out.reason[empty] = ""
    mark_duplicates(out.key, status_code, out.reason, labels, STATUSES.index(DUPLICATE))
    status = _STATUS_NAMES[status_code]
    npa_nxx, warning = nanp_details(out.number, out.key)
    given = series.array if isinstance(series.dtype, pd.StringDtype) else None
    frame = pd.DataFrame(
        {
            # A str column is passed as it is: no copy, no second validation of 1M strings.
            "input": given if given is not None else series.to_numpy(dtype=object),
            "number": text_array(out.number),
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


def text_array(values: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """An object array holding only str, as the str column pandas would infer for it.

    Built without a copy; a frame made with ``copy=False`` keeps it as it is, where
    letting the frame infer and copy the column costs ~3x more for a million strings.
    """
    return pd.Series(values, dtype="str", copy=False).array


DISPLAY_COLUMNS = {
    "number": "Normalized",
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
    Engine columns whose names the input already uses get a " (lnp)" suffix.
    """
    result = normalize_numbers(frame[column], default_region=default_region, progress=progress)
    added = result.drop(columns="input").rename(columns=DISPLAY_COLUMNS)
    added = added.rename(columns={c: f"{c} (lnp)" for c in added.columns if c in frame.columns})
    out = pd.concat([frame, added], axis=1)
    out.insert(0, "Row", frame.index)
    return out.reset_index(drop=True)


_INTERNATIONAL_KEY = 2 * 10**15  # keys: NANP national number, or this + E.164 digits


@dataclass
class _Verdicts:
    """Per-row results, filled in place by the passes (one allocation per run)."""

    number: np.ndarray
    region: np.ndarray
    kind: np.ndarray
    reason: np.ndarray
    key: np.ndarray  # int64 identity of a valid number (for N6), 0 when not valid

    @classmethod
    def empty(cls, reason: np.ndarray) -> _Verdicts:
        """Blank verdicts around the refusal reasons of pass 1 (taken over, not copied)."""
        count = len(reason)

        def blank() -> np.ndarray:
            return np.full(count, "", dtype=object)

        return cls(blank(), blank(), blank(), reason, np.zeros(count, dtype=np.int64))


# --- pass 2: the fast alphabet, and cleaning the rest ----------------------------------------


def _prepare(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Code points (rows x width, 0-padded), their character classes, built once, and per
    row which classes occur (bit ``1 << class``)."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    width = int(min(MAX_FAST_WIDTH, lengths.max(initial=1)))
    too_long = lengths > width
    if too_long.any():
        texts = texts.copy()
        texts[too_long] = "\uffff"  # read as an odd character: cleaned or refused
    codes = texts.astype(f"<U{max(width, 1)}").view(np.uint32)
    codes = codes.reshape(len(texts), max(width, 1))
    classes = np.take(_CLASS, codes, mode="clip")  # past U+FFFF clips to "other"
    return codes, classes, _row_flags(classes)


def _row_flags(classes: np.ndarray) -> np.ndarray:
    """OR of ``1 << class`` over each row: 8 characters per uint64, then the 8 bytes folded
    (a reduction along the short axis costs more than these few whole-array passes)."""
    rows, width = classes.shape
    bits = np.zeros((rows, -(-width // 8) * 8), dtype=np.uint8)
    np.left_shift(1, classes, out=bits[:, :width], dtype=np.uint8)
    words = bits.view(np.uint64)
    acc = words[:, 0].copy()
    for column in range(1, words.shape[1]):
        acc |= words[:, column]
    for shift in (32, 16, 8):
        acc |= acc >> np.uint64(shift)
    return (acc & np.uint64(0xFF)).astype(np.uint8)


def _fast_rows(classes: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Rows the matrix pass reads as they are: digits, formatting, a leading + or '."""
    fast = flags < (1 << _OTHER)
    special = np.flatnonzero(fast & ((flags & _SPECIAL_BITS) != 0))
    if len(special):
        sub, sub_flags = classes[special], flags[special]
        first_digit = (sub == _DIGIT).argmax(axis=1)
        # Each character's count and first position, only on the rows that have it.
        n_plus, plus_at = _count_and_first(sub, sub_flags, _PLUS)
        n_apos, apos_at = _count_and_first(sub, sub_flags, _APOS)
        ok = (n_plus == 0) | ((n_plus == 1) & (plus_at < first_digit))
        ok &= (n_apos == 0) | ((n_apos == 1) & (apos_at < first_digit))
        ok &= ~((n_apos == 1) & (n_plus == 1) & (apos_at > plus_at))
        # "2127361234.0" or "12.5": one dot, 1-2 digits after it, nothing else. A dot used
        # as formatting ("212.736.1234", ".2127361234") is read as formatting.
        float_like = np.zeros(len(special), dtype=bool)
        dotted = np.flatnonzero((sub_flags & (1 << _DOT)) != 0)
        if len(dotted):
            rows, dot_flags = sub[dotted], sub_flags[dotted]
            dot = rows == _DOT
            separators = (dot_flags & ((1 << _PUNCT) | (1 << _SPACE))) != 0
            dot_at = dot.argmax(axis=1)
            after_dot = (rows != _PAD).sum(axis=1) - dot_at - 1
            candidate = (dot.sum(axis=1) == 1) & ~separators & (n_plus[dotted] == 0)
            candidate &= (dot_at > 0) & (after_dot >= 1) & (after_dot <= 2)
            float_like[dotted] = candidate
        fast[special] = ok & ~float_like
    return fast


def _count_and_first(
    classes: np.ndarray, flags: np.ndarray, wanted: int
) -> tuple[np.ndarray, np.ndarray]:
    """How often class ``wanted`` occurs in each row, and where first (0 when absent)."""
    count = np.zeros(len(classes), dtype=np.int64)
    first = np.zeros(len(classes), dtype=np.int64)
    having = np.flatnonzero((flags & (1 << wanted)) != 0)
    if len(having):
        found = classes[having] == wanted
        count[having] = found.sum(axis=1)
        first[having] = found.argmax(axis=1)
    return count, first


# --- pass 3: digits -> verdicts ------------------------------------------------------------


_POW10 = np.array([10**k for k in range(19)] + [0] * 45, dtype=np.int64)
MAX_DIGITS = 18  # what an int64 holds exactly; E.164 numbers have at most 15


def _digit_values(codes: np.ndarray, classes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's digits read as one integer, and how many digits there are.

    Horner's rule over the character columns (value = value * 10 + digit), so any run of
    digits can then be taken arithmetically; leading zeros are kept by the count. Rows of
    more than MAX_DIGITS digits overflow and are refused by their count.
    """
    codes_by_column = np.ascontiguousarray(codes.T)
    digit_by_column = np.ascontiguousarray(classes.T) == _DIGIT
    value = np.zeros(codes.shape[0], dtype=np.int64)
    counts = np.zeros(codes.shape[0], dtype=np.int64)
    for code, is_digit in zip(codes_by_column, digit_by_column, strict=True):
        value = np.where(is_digit, value * 10 + code.astype(np.int64) - 48, value)
        counts += is_digit
    return value, counts


def _digits_after(value: np.ndarray, counts: np.ndarray, skip: np.ndarray, take: int) -> np.ndarray:
    """The ``take`` digits that follow the first ``skip`` digits, as an integer (-1 if short)."""
    tail = counts - skip - take
    out = (value // _POW10[np.clip(tail, 0, MAX_DIGITS)]) % _POW10[take]
    return np.where(tail >= 0, out, -1)


def _classify(
    texts: np.ndarray,
    value: np.ndarray,
    counts: np.ndarray,
    flags: np.ndarray,
    shaped: np.ndarray,
    default_region: str,
    out: _Verdicts,
    rows: np.ndarray,
) -> None:
    """Verdicts for texts written to ``out`` at ``rows``, from their digits (``_digit_values``),
    class flags (``_row_flags``) and whether they are in the fast alphabet (``_fast_rows``)."""
    if not len(rows):
        return
    out.reason[rows[~shaped]] = "unexpected characters"
    has_plus = (flags & (1 << _PLUS)) != 0
    zero = np.zeros(len(rows), dtype=np.int64)
    first, first3 = _digits_after(value, counts, zero, 1), _digits_after(value, counts, zero, 3)
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
    blank = flags[no_digits] < (1 << (_SPACE + 1))  # only padding and spaces
    out.reason[rows[no_digits]] = np.where(blank, EMPTY_REASON, "no digits")
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
        out.reason[rows[chosen]] = [template.format(c) for c in counts[chosen]]

    # NANP without '+': the national number is the last 10 digits (N1, N4).
    nanp = np.flatnonzero(local & ((counts == 10) | ((counts == 11) & (first == 1))))
    _run_country(
        NANP_COUNTRY_CODE,
        nanp,
        value[nanp] % _POW10[10],
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
    no_code = (remaining < 1) | (_digits_after(i_value, i_counts, start, 1) == 0)
    code = np.zeros(len(intl), dtype=np.int64)
    code_len = np.zeros(len(intl), dtype=np.int64)
    for length in (3, 2, 1):
        candidate = _digits_after(i_value, i_counts, start, length)
        known = np.isin(candidate, phonemeta.COUNTRY_CODES) & ~no_code
        code = np.where(known, candidate, code)
        code_len = np.where(known, length, code_len)
    nsn_len = remaining - code_len
    bad_len = (code > 0) & (
        (nsn_len < 2) | (nsn_len > phonemeta.MAX_NSN_DIGITS) | (i_counts > MAX_DIGITS)
    )
    out.reason[rows[intl[no_code]]] = "no valid country code after '+'"
    out.reason[rows[intl[(code == 0) & ~no_code]]] = "unknown country code"
    out.reason[rows[intl[bad_len]]] = "wrong number of digits for the country code"
    usable = (code > 0) & ~bad_len
    nsn_value = i_value % _POW10[np.clip(nsn_len, 0, MAX_DIGITS)]
    for country in np.unique(code[usable]):
        chosen = usable & (code == country)
        if phonemeta.is_geographic(int(country)) and phonemeta.compilable(int(country)):
            _run_country(
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
        verdict = _libphonenumber_verdict(texts[i], default_region)
        out.number[row], out.region[row], out.kind[row], out.reason[row] = verdict
        out.key[row] = _key_of(out.number[row])


_TYPE_NAME_LOOKUP = np.array([phonemeta.TYPE_NAMES.get(t, "") for t in range(100)], dtype=object)


def _run_country(
    country: int,
    which: np.ndarray,
    national: np.ndarray,
    lengths: np.ndarray,
    out: _Verdicts,
    rows: np.ndarray,
    fallback: np.ndarray,
    *,
    after_plus: bool,
) -> None:
    """Run one country's automaton over national numbers (value + digit count)."""
    if not len(which):
        return
    automaton = phonemeta.country_automaton(country)
    states, national_prefix = _run_automaton(automaton, national, lengths, after_plus)
    if after_plus:
        # libphonenumber's parser strips a national prefix after '+CC' only when the rest
        # still fits: those few values are parsed by it directly, once each.
        fallback[which[national_prefix]] = True
        keep = ~national_prefix
        which, states = which[keep], states[keep]
        national, lengths = national[keep], lengths[keep]
    key = states.astype(np.int64) * 32 + lengths
    inverse, uniq = pd.factorize(key)
    verdicts = [automaton.verdict(int(k // 32), int(k % 32)) for k in uniq]
    got_region = np.array([v[0] or "" for v in verdicts], dtype=object)[inverse]
    got_type = np.array([v[1] for v in verdicts], dtype=np.int64)[inverse]
    valid = got_type != phonenumbers.PhoneNumberType.UNKNOWN
    target = rows[which]
    if country == NANP_COUNTRY_CODE:
        out.number[target[valid]] = ten_digit_texts(national[valid])
        out.key[target[valid]] = national[valid]
        bad_lengths = lengths[~valid]
        out.reason[target[~valid]] = _nanp_invalid_reasons(
            _digit_matrix(national[~valid], bad_lengths), bad_lengths
        )
    else:
        out.number[target[valid]] = [
            f"+{country}{n:0{size}d}"
            for n, size in zip(national[valid].tolist(), lengths[valid].tolist(), strict=True)
        ]
        out.key[target[valid]] = (
            _INTERNATIONAL_KEY + country * _POW10[lengths[valid]] + national[valid]
        )
        out.reason[target[~valid]] = (
            f"not a valid +{country} number (wrong length or unassigned range)"
        )
    out.region[target[valid]] = got_region[valid]
    out.kind[target[valid]] = _TYPE_NAME_LOOKUP[got_type[valid]]


# The ASCII digits of 00000-99999, each as one 5-byte item (gathered in one take).
_FIVE_DIGITS = (
    ((np.arange(100_000)[:, None] // np.array([10_000, 1_000, 100, 10, 1])) % 10 + 48)
    .astype(np.uint8)
    .view("V5")
    .ravel()
)


def ten_digit_texts(national: np.ndarray) -> list[str]:
    """10-digit numbers as strings: their ASCII bytes from a table of 5-digit halves, then
    one decode and split (C loops) instead of ``str(n)`` a million times."""
    if not len(national):
        return []
    chars = np.empty((len(national), 11), dtype=np.uint8)
    high, low = np.divmod(national, 100_000)
    halves = chars[:, :10].view("V5")  # (rows, 2) items of 5 bytes
    halves[:, 0] = _FIVE_DIGITS[high]
    halves[:, 1] = _FIVE_DIGITS[low]
    chars[:, 10] = 10
    return chars.tobytes().decode("ascii").split("\n")[:-1]


def _digit_matrix(national: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """(rows, longest) digits 0-9 of numbers given as value + digit count, left-aligned."""
    width = int(lengths.max(initial=1))
    exponent = np.maximum(lengths[:, None] - 1 - np.arange(width)[None, :], 0)
    return ((national[:, None] // _POW10[exponent]) % 10).astype(np.intp)


_TAIL = 4  # digits run row by row; the digits before them are run once per distinct value


def _run_automaton(
    automaton: phonemeta.CountryAutomaton,
    national: np.ndarray,
    lengths: np.ndarray,
    track_prefix: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """``automaton.run`` over numbers as value + digit count, same states and prefix flags.

    Numbers of one length share few leading digits (a million numbers, a few thousand
    NPA-NXX): the automaton reads each distinct head once, and only the last ``_TAIL``
    digits row by row, without a digit matrix.
    """
    length = int(lengths[0])
    if length <= _TAIL or lengths.min() != lengths.max():
        return automaton.run(_digit_matrix(national, lengths), lengths, track_prefix=track_prefix)
    head_codes, heads = pd.factorize(national // _POW10[_TAIL])
    head_lengths = np.full(len(heads), length - _TAIL)
    state, prefix = automaton.run(
        _digit_matrix(np.asarray(heads, dtype=np.int64), head_lengths),
        head_lengths,
        track_prefix=track_prefix,
    )
    state, prefix = state[head_codes], prefix[head_codes]
    prefix_states = automaton.national_prefix_states if track_prefix else None
    tail = (national % _POW10[_TAIL]).astype(np.int32)
    for power in (1000, 100, 10, 1):
        if prefix_states is not None:
            prefix |= prefix_states[state]
        state = automaton.transitions[state, (tail // power) % 10]
    if prefix_states is not None:
        prefix |= prefix_states[state]
    return state, prefix


def _nanp_invalid_reasons(nsn: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    reasons = np.array(
        [f"{n} digits after +1: a US or Canadian number has 10" for n in lengths], dtype=object
    )
    ten = np.flatnonzero(lengths == 10)
    if len(ten):
        digits = nsn[ten]
        why = np.array([f"area code {a}{b}{c} is not in service" for a, b, c in digits[:, :3]])
        why = why.astype(object)
        why[digits[:, 3] <= 1] = "the exchange (digits 4-6) cannot start with 0 or 1"
        why[digits[:, 0] <= 1] = "an area code cannot start with 0 or 1"
        reasons[ten] = why
    return reasons


def _key_of(number: str) -> int:
    if not number:
        return 0
    if number.startswith("+"):
        return _INTERNATIONAL_KEY + int(number[1:])
    return int(number)


def _libphonenumber_verdict(text: str, default_region: str) -> tuple[str, str, str, str]:
    """The rare shapes the automata leave to libphonenumber's parser, one value."""
    try:
        parsed = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException as exc:
        return "", "", "", _PARSE_ERRORS.get(exc.error_type, "not a phone number")
    if not phonenumbers.is_valid_number(parsed):
        return "", "", "", f"not a valid number for +{parsed.country_code}"
    found_region = phonenumbers.region_code_for_number(parsed) or ""
    kind = phonemeta.TYPE_NAMES[phonenumbers.number_type(parsed)]
    if parsed.country_code == NANP_COUNTRY_CODE:
        return phonenumbers.national_significant_number(parsed), found_region, kind, ""
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return e164, found_region, kind, ""


_PARSE_ERRORS = {
    phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "unknown country code",
    phonenumbers.NumberParseException.NOT_A_NUMBER: "not a phone number",
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "too few digits after 011",
    phonenumbers.NumberParseException.TOO_SHORT_NSN: "too few digits",
    phonenumbers.NumberParseException.TOO_LONG: "too many digits",
}
