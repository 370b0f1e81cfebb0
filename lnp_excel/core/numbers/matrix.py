"""Pass 2 of the number engine: texts as a character matrix, read with numpy (N1).

Code points become a rows x width matrix of character classes; rows that use only digits and
formatting are read by Horner's rule into one int64 per row, so the classifier can take any
run of digits arithmetically. Rows outside that alphabet go to ``text.clean_distinct``.
"""

from __future__ import annotations

import re

import numpy as np
import phonenumbers.phonenumberutil as util  # VALID_PUNCTUATION is private there

MAX_FAST_WIDTH = 32

# Character classes for the matrix pass.
PAD, DIGIT, SPACE, PUNCT, PLUS, APOS, DOT, OTHER = range(8)
CLASS = np.full(0x10000, OTHER, dtype=np.uint8)  # the last entry must stay OTHER
CLASS[0] = PAD
CLASS[48:58] = DIGIT
for _code in (9, 32, 160, 0x2007, 0x202F, 0x2009, 0x200A, 0x200B, 0x2060, 0xFEFF, 0x3000):
    CLASS[_code] = SPACE
CLASS[0x2000:0x200B] = SPACE
for _code in (ord("("), ord(")"), ord("-"), ord("/"), 0x2010, 0x2011, 0x2012, 0x2013, 0x2212):
    CLASS[_code] = PUNCT
CLASS[ord("+")] = PLUS
for _code in (ord("'"), 0x2018, 0x2019):
    CLASS[_code] = APOS
CLASS[ord(".")] = DOT


def _libphonenumber_punctuation() -> frozenset[str]:
    """Every character libphonenumber's parser reads as punctuation (its VALID_PUNCTUATION
    class: em dash, horizontal bar, soft hyphen, full-width forms, ...), "x" excluded (N2b)."""
    pattern = re.compile(f"[{util._VALID_PUNCTUATION}]")
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    found = pattern.findall(every)
    return frozenset(found) - {"x"}  # "x" is there for extensions; U+30FC stays (a dash)


# Tildes are libphonenumber punctuation too, but in a dial string they mean "wait" and
# before a last group "extension" (``0~0 1800...``, ``~1234``): they introduce an
# extension (``shapes``) and are refused elsewhere, never read as a separator.
TILDES = frozenset("~\u2053\u223c\uff5e")
SEPARATORS = _libphonenumber_punctuation() - TILDES
for _char in SEPARATORS - {"\uff0e"}:  # a full-width dot may be a decimal point
    if CLASS[ord(_char)] == OTHER:
        CLASS[ord(_char)] = PUNCT
SPECIAL_BITS = (1 << PLUS) | (1 << APOS) | (1 << DOT)


def prepare(
    texts: np.ndarray, lengths: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Code points (rows x width, 0-padded), their character classes, built once, and per
    row which classes occur (bit ``1 << class``). ``lengths`` of the texts when known."""
    if lengths is None:
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    width = int(min(MAX_FAST_WIDTH, lengths.max(initial=1)))
    too_long = lengths > width
    if too_long.any():
        texts = texts.copy()
        texts[too_long] = "\uffff"  # read as an odd character: cleaned or refused
    codes = texts.astype(f"<U{max(width, 1)}").view(np.uint32)
    codes = codes.reshape(len(texts), max(width, 1))
    classes = np.take(CLASS, codes, mode="clip")  # past U+FFFF clips to "other"
    return codes, classes, row_flags(classes)


def row_flags(classes: np.ndarray) -> np.ndarray:
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


def fast_rows(classes: np.ndarray, flags: np.ndarray) -> np.ndarray:
    """Rows the matrix pass reads as they are: digits, formatting, a leading + or '."""
    fast = flags < (1 << OTHER)
    special = np.flatnonzero(fast & ((flags & SPECIAL_BITS) != 0))
    if len(special):
        sub, sub_flags = classes[special], flags[special]
        first_digit = (sub == DIGIT).argmax(axis=1)
        # Each character's count and first position, only on the rows that have it.
        n_plus, plus_at = _count_and_first(sub, sub_flags, PLUS)
        n_apos, apos_at = _count_and_first(sub, sub_flags, APOS)
        ok = (n_plus == 0) | ((n_plus == 1) & (plus_at < first_digit))
        ok &= (n_apos == 0) | ((n_apos == 1) & (apos_at < first_digit))
        ok &= ~((n_apos == 1) & (n_plus == 1) & (apos_at > plus_at))
        # "2127361234.0" or "12.5": one dot, 1-2 digits after it, nothing else. A dot used
        # as formatting ("212.736.1234", ".2127361234") is read as formatting.
        float_like = np.zeros(len(special), dtype=bool)
        dotted = np.flatnonzero((sub_flags & (1 << DOT)) != 0)
        if len(dotted):
            rows, dot_flags = sub[dotted], sub_flags[dotted]
            dot = rows == DOT
            separators = (dot_flags & ((1 << PUNCT) | (1 << SPACE))) != 0
            dot_at = dot.argmax(axis=1)
            after_dot = (rows != PAD).sum(axis=1) - dot_at - 1
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


POW10 = np.array([10**k for k in range(19)] + [0] * 45, dtype=np.int64)
MAX_DIGITS = 18  # what an int64 holds exactly; E.164 numbers have at most 15


def digit_values(codes: np.ndarray, classes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's digits read as one integer, and how many digits there are.

    Horner's rule over the character columns (value = value * 10 + digit), so any run of
    digits can then be taken arithmetically; leading zeros are kept by the count. Rows of
    more than MAX_DIGITS digits overflow and are refused by their count.
    """
    codes_by_column = np.ascontiguousarray(codes.T)
    digit_by_column = np.ascontiguousarray(classes.T) == DIGIT
    value = np.zeros(codes.shape[0], dtype=np.int64)
    counts = np.zeros(codes.shape[0], dtype=np.int64)
    for code, is_digit in zip(codes_by_column, digit_by_column, strict=True):
        value = np.where(is_digit, value * 10 + code.astype(np.int64) - 48, value)
        counts += is_digit
    return value, counts


def digits_after(value: np.ndarray, counts: np.ndarray, skip: np.ndarray, take: int) -> np.ndarray:
    """The ``take`` digits that follow the first ``skip`` digits, as an integer (-1 if short)."""
    tail = counts - skip - take
    out = (value // POW10[np.clip(tail, 0, MAX_DIGITS)]) % POW10[take]
    return np.where(tail >= 0, out, -1)
