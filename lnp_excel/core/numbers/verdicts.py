"""Pass 3 of the number engine: digits -> verdicts, one country at a time (N3, N5).

Each country's automaton (``phonemeta``) reads national numbers given as int64 value plus
digit count; the few shapes it leaves are parsed by libphonenumber, once per value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import phonenumbers

from lnp_excel.core.numbers import phonemeta
from lnp_excel.core.numbers.matrix import POW10

NANP_COUNTRY_CODE = 1

_INTERNATIONAL_KEY = 2 * 10**15  # keys: NANP national number, or this + E.164 digits


@dataclass
class Verdicts:
    """Per-row results, filled in place by the passes (one allocation per run)."""

    number: np.ndarray
    region: np.ndarray
    kind: np.ndarray
    reason: np.ndarray
    key: np.ndarray  # int64 identity of a valid number (for N6), 0 when not valid

    @classmethod
    def empty(cls, reason: np.ndarray) -> Verdicts:
        """Blank verdicts around the refusal reasons of pass 1 (taken over, not copied)."""
        count = len(reason)

        def blank() -> np.ndarray:
            return np.full(count, "", dtype=object)

        return cls(blank(), blank(), blank(), reason, np.zeros(count, dtype=np.int64))


_TYPE_NAME_LOOKUP = np.array([phonemeta.TYPE_NAMES.get(t, "") for t in range(100)], dtype=object)


def run_country(
    country: int,
    which: np.ndarray,
    national: np.ndarray,
    lengths: np.ndarray,
    out: Verdicts,
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
        out.reason[target[~valid]] = nanp_invalid_reasons(national[~valid], lengths[~valid])
    else:
        out.number[target[valid]] = e164_texts(country, national[valid], lengths[valid])
        out.key[target[valid]] = (
            _INTERNATIONAL_KEY + country * POW10[lengths[valid]] + national[valid]
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


def e164_texts(country: int, national: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """``+CC`` and the national numbers (value + digit count, zeros kept) as E.164 texts:
    per length, the ASCII bytes of every number at once, one decode and split."""
    texts = np.empty(len(national), dtype=object)
    prefix = np.frombuffer(f"+{country}".encode("ascii"), dtype=np.uint8)
    for length in np.unique(lengths).tolist():
        same = np.flatnonzero(lengths == length)
        chars = np.empty((len(same), len(prefix) + length + 1), dtype=np.uint8)
        chars[:, : len(prefix)] = prefix
        chars[:, len(prefix) : -1] = _digit_matrix(national[same], lengths[same]) + 48
        chars[:, -1] = 10
        texts[same] = chars.tobytes().decode("ascii").split("\n")[:-1]
    return texts


def _digit_matrix(national: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """(rows, longest) digits 0-9 of numbers given as value + digit count, left-aligned."""
    width = int(lengths.max(initial=1))
    exponent = np.maximum(lengths[:, None] - 1 - np.arange(width)[None, :], 0)
    return ((national[:, None] // POW10[exponent]) % 10).astype(np.intp)


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
    head_codes, heads = pd.factorize(national // POW10[_TAIL])
    head_lengths = np.full(len(heads), length - _TAIL)
    state, prefix = automaton.run(
        _digit_matrix(np.asarray(heads, dtype=np.int64), head_lengths),
        head_lengths,
        track_prefix=track_prefix,
    )
    state, prefix = state[head_codes], prefix[head_codes]
    prefix_states = automaton.national_prefix_states if track_prefix else None
    tail = (national % POW10[_TAIL]).astype(np.int32)
    for power in (1000, 100, 10, 1):
        if prefix_states is not None:
            prefix |= prefix_states[state]
        state = automaton.transitions[state, (tail // power) % 10]
    if prefix_states is not None:
        prefix |= prefix_states[state]
    return state, prefix


def _ten_digit_reason(head: int) -> str:
    """Why a 10-digit NANP number is not valid, from its area code and first exchange
    digit (``head`` = the first 4 digits)."""
    area_code, exchange_first = divmod(head, 10)
    if area_code < 200:
        return "an area code cannot start with 0 or 1"
    if exchange_first <= 1:
        return "the exchange (digits 4-6) cannot start with 0 or 1"
    return f"area code {area_code} is not in service"


# Per process: the reason of every 10-digit head, and of every other count of digits.
_TEN_DIGIT_REASONS = np.array([_ten_digit_reason(head) for head in range(10_000)], dtype=object)
_LENGTH_REASONS = np.array(
    [f"{n} digits after +1: a US or Canadian number has 10" for n in range(64)], dtype=object
)


def nanp_invalid_reasons(national: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """N2, N3: why NANP national numbers libphonenumber does not accept are not valid,
    by table lookups (no text is built per number)."""
    reasons = _LENGTH_REASONS[np.clip(lengths, 0, 63)]
    ten = lengths == 10
    reasons[ten] = _TEN_DIGIT_REASONS[national[ten] // 1_000_000]
    return reasons


def nanp_invalid_reason(national: int) -> str:
    """``nanp_invalid_reasons`` for one 10-digit number (the worksheet function's path)."""
    return _TEN_DIGIT_REASONS[national // 1_000_000]


def nanp_length_reason(digits: int) -> str:
    """N2b: why +1 followed by other than 10 digits is refused."""
    return (
        f"+1 followed by {digits} digits: a US or Canadian number has exactly 10 after +1 "
        "(area code, exchange, line)"
    )


def key_of(number: str) -> int:
    if not number:
        return 0
    if number.startswith("+"):
        return _INTERNATIONAL_KEY + int(number[1:])
    return int(number)


def libphonenumber_verdict(text: str, default_region: str) -> tuple[str, str, str, str]:
    """The rare shapes the automata leave to libphonenumber's parser, one value."""
    try:
        parsed = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException as exc:
        return "", "", "", _PARSE_ERRORS.get(exc.error_type, "not a phone number")
    if not phonenumbers.is_valid_number(parsed):
        return "", "", "", f"not a valid number for +{parsed.country_code}"
    nsn = phonenumbers.national_significant_number(parsed)
    if parsed.country_code == NANP_COUNTRY_CODE and len(nsn) != 10:
        return "", "", "", nanp_length_reason(len(nsn))  # N2b
    found_region = phonenumbers.region_code_for_number(parsed) or ""
    kind = phonemeta.TYPE_NAMES[phonenumbers.number_type(parsed)]
    if parsed.country_code == NANP_COUNTRY_CODE:
        return nsn, found_region, kind, ""
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return e164, found_region, kind, ""


_PARSE_ERRORS = {
    phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "unknown country code",
    phonenumbers.NumberParseException.NOT_A_NUMBER: "not a phone number",
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "too few digits after 011",
    phonenumbers.NumberParseException.TOO_SHORT_NSN: "too few digits",
    phonenumbers.NumberParseException.TOO_LONG: "too many digits",
}
