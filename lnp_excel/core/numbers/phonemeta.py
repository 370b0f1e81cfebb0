"""libphonenumber's verdicts, vectorized (N3).

libphonenumber decides validity, region and type by matching the national significant
number (NSN) against regular expressions from its metadata, one per region and number
type. Every one of those expressions describes a finite set of digit strings, so they can
be compiled, once per country code, into a single deterministic automaton over the digits
0-9 whose states remember which expressions still match. Running a million numbers is then
one table lookup per digit column (numpy), and the final state says which expressions
matched; libphonenumber's own decision procedure (``_number_type_helper`` and
``_region_code_for_number_from_list``) is replayed on that small set of tags.

The automaton is built with Brzozowski derivatives over the parsed expressions
(``re._parser``), so the verdicts are libphonenumber's, not a re-typed copy of its rules;
tests compare both on random and hypothesis-generated inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumberType

try:  # Python 3.11+
    from re import _constants as sre_c  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# The order libphonenumber tests the special types in (_number_type_helper).
SPECIAL_TYPES: tuple[tuple[str, int], ...] = (
    ("premium_rate", PhoneNumberType.PREMIUM_RATE),
    ("toll_free", PhoneNumberType.TOLL_FREE),
    ("shared_cost", PhoneNumberType.SHARED_COST),
    ("voip", PhoneNumberType.VOIP),
    ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
    ("pager", PhoneNumberType.PAGER),
    ("uan", PhoneNumberType.UAN),
    ("voicemail", PhoneNumberType.VOICEMAIL),
)
DESC_NAMES = ("general_desc", *(n for n, _ in SPECIAL_TYPES), "fixed_line", "mobile")

ALL_DIGITS = frozenset(range(10))
NATIONAL_PREFIX_TAG = ("", "national_prefix")
MAX_NSN_DIGITS = 17  # libphonenumber refuses longer national numbers (TOO_LONG)


class Uncompilable(ValueError):
    """An expression uses a construct the digit automaton does not model."""


# --- regular expressions -> digit sequences ------------------------------------------------
# A sequence is a tuple of items; an item is ("set", digits), ("alt", (seq, ...)),
# ("rep", min, max_or_None, seq) or ("end",) for `$`; tuples keep it all hashable.


def _convert(parsed) -> tuple:
    items: list[tuple] = []
    for op, arg in parsed:
        if op is sre_c.LITERAL:
            digit = arg - 48
            items.append(("set", frozenset({digit}) if 0 <= digit <= 9 else frozenset()))
        elif op is sre_c.IN:
            items.append(("set", _char_class(arg)))
        elif op is sre_c.SUBPATTERN:
            items.extend(_convert(arg[-1]))
        elif op is sre_c.BRANCH:
            items.append(("alt", tuple(_convert(branch) for branch in arg[1])))
        elif op is sre_c.AT and arg is sre_c.AT_END:
            items.append(("end",))  # matches only where the digits stop
        elif op is sre_c.AT and arg is sre_c.AT_BEGINNING:
            continue  # every match here is anchored at the start anyway
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            low, high, sub = arg
            high = None if high is sre_c.MAXREPEAT else high
            items.append(("rep", low, high, _convert(sub)))
        else:
            raise Uncompilable(f"unsupported regular-expression construct {op}")
    return tuple(items)


def _char_class(members) -> frozenset[int]:
    digits: set[int] = set()
    negate = False
    for op, arg in members:
        if op is sre_c.NEGATE:
            negate = True
        elif op is sre_c.LITERAL:
            if 48 <= arg <= 57:
                digits.add(arg - 48)
        elif op is sre_c.RANGE:
            low, high = arg
            digits.update(d for d in range(10) if low <= d + 48 <= high)
        elif op is sre_c.CATEGORY and arg is sre_c.CATEGORY_DIGIT:
            digits.update(ALL_DIGITS)
        else:
            raise Uncompilable(f"unsupported character class member {op}")
    return frozenset(ALL_DIGITS - digits) if negate else frozenset(digits)


@cache
def _pattern_seq(pattern: str, prefix_only: bool) -> tuple:
    seq = _convert(sre_parse.parse(pattern))
    if prefix_only:  # re.match semantics: the expression may be followed by anything
        seq = (*seq, ("rep", 0, None, (("set", ALL_DIGITS),)))
    return seq


@cache
def _nullable(seq: tuple) -> bool:
    for item in seq:
        kind = item[0]
        if kind == "set":
            return False
        if kind == "alt" and not any(_nullable(b) for b in item[1]):
            return False
        if kind == "rep" and item[1] > 0 and not _nullable(item[3]):
            return False
    return True


@cache
def _derive(seq: tuple, digit: int) -> frozenset[tuple]:
    """The sequences that must match the rest after ``seq`` has consumed ``digit``."""
    if not seq:
        return frozenset()
    head, rest = seq[0], seq[1:]
    kind = head[0]
    if kind == "set":
        return frozenset({rest}) if digit in head[1] else frozenset()
    if kind == "end":
        return frozenset()
    if kind == "alt":
        out: set[tuple] = set()
        for branch in head[1]:
            out |= _derive(branch + rest, digit)
        return frozenset(out)
    _, low, high, sub = head
    if _nullable(sub):
        raise Uncompilable("repetition of an expression that can match nothing")
    out = set()
    if low == 0:
        out |= _derive(rest, digit)
    if high is None or high > 0:
        remaining = ("rep", max(low - 1, 0), None if high is None else high - 1, sub)
        tail = rest if remaining[2] == 0 else (remaining, *rest)
        out |= _derive(sub + tail, digit)
    return frozenset(out)


# --- one automaton per country calling code -------------------------------------------------


@dataclass(frozen=True, eq=False)
class CountryAutomaton:
    """Which metadata expressions match a digit string, for one country calling code."""

    country_code: int
    regions: tuple[str, ...]
    transitions: np.ndarray  # (states, 10) int32; state 0 is dead, 1 is the start
    accepted: tuple[frozenset[tuple[str, str]], ...]  # tags fully matched in each state
    prefixed: tuple[frozenset[tuple[str, str]], ...]  # prefix-tags matched on the way

    def run(
        self, digits: np.ndarray, lengths: np.ndarray, *, track_prefix: bool = True
    ) -> tuple[np.ndarray, np.ndarray]:
        """Final state per row, and whether the national-prefix pattern matched a prefix.

        ``digits`` is (rows, columns) of 0-9; columns past a row's length are ignored.
        """
        state = np.ones(len(digits), dtype=np.int32)
        national_prefix = np.zeros(len(digits), dtype=bool)
        prefix_states = self.national_prefix_states
        same_length = len(lengths) == 0 or lengths.min() == lengths.max()
        for column in range(digits.shape[1]):
            if track_prefix:
                national_prefix |= prefix_states[state]
            moved = self.transitions[state, digits[:, column]]
            state = moved if same_length else np.where(column < lengths, moved, state)
        if track_prefix:
            national_prefix |= prefix_states[state]
        return state, national_prefix

    @property
    def national_prefix_states(self) -> np.ndarray:
        """Per state: whether the national-prefix pattern has matched on the way to it."""
        return np.array([NATIONAL_PREFIX_TAG in tags for tags in self.prefixed])

    @lru_cache(maxsize=4096)  # noqa: B019 - automata live for the process; few (state, length)
    def verdict(self, state: int, length: int) -> tuple[str | None, int]:
        """(region, libphonenumber type) as ``region_code_for_number`` and ``number_type`` say.

        The region is None when no region claims the number; the type is UNKNOWN when
        the number is not valid.
        """
        tags = self.accepted[state] | self.prefixed[state]
        if len(self.regions) == 1:
            region = self.regions[0]
        else:
            region = None
            for candidate in self.regions:
                metadata = PhoneMetadata.metadata_for_region(candidate, None)
                if metadata is None:
                    continue
                if metadata.leading_digits is not None:
                    if (candidate, "leading_digits") in tags:
                        region = candidate
                        break
                elif _type_from_tags(candidate, tags, length) != PhoneNumberType.UNKNOWN:
                    region = candidate
                    break
        if region is None:
            return None, PhoneNumberType.UNKNOWN
        return region, _type_from_tags(region, tags, length)


def _length_ok(region: str, desc_name: str, length: int) -> bool:
    metadata = PhoneMetadata.metadata_for_region(region, None)
    desc = getattr(metadata, desc_name, None) if metadata else None
    if desc is None or not desc.national_number_pattern:
        return False
    return not desc.possible_length or length in desc.possible_length


def _type_from_tags(region: str, tags: frozenset, length: int) -> int:
    """libphonenumber's ``_number_type_helper`` over precomputed matches."""

    def matches(desc_name: str) -> bool:
        return (region, desc_name) in tags and _length_ok(region, desc_name, length)

    metadata = PhoneMetadata.metadata_for_region(region, None)
    if metadata is None or not matches("general_desc"):
        return PhoneNumberType.UNKNOWN
    for name, number_type in SPECIAL_TYPES:
        if matches(name):
            return number_type
    same = metadata.same_mobile_and_fixed_line_pattern
    if matches("fixed_line"):
        if same or matches("mobile"):
            return PhoneNumberType.FIXED_LINE_OR_MOBILE
        return PhoneNumberType.FIXED_LINE
    if not same and matches("mobile"):
        return PhoneNumberType.MOBILE
    return PhoneNumberType.UNKNOWN


def _country_patterns(country_code: int) -> tuple[tuple[str, ...], list[tuple[tuple, tuple]]]:
    regions = tuple(
        r
        for r in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code, ())
        if PhoneMetadata.metadata_for_region(r, None) is not None
    )
    if not regions:
        raise Uncompilable(f"no geographic region for +{country_code}")
    patterns: list[tuple[tuple, tuple]] = []
    for region in regions:
        metadata = PhoneMetadata.metadata_for_region(region, None)
        for name in DESC_NAMES:
            desc = getattr(metadata, name, None)
            if desc is not None and desc.national_number_pattern:
                tag = (region, name)
                patterns.append((tag, _pattern_seq(desc.national_number_pattern, False)))
        if metadata.leading_digits:
            tag = (region, "leading_digits")
            patterns.append((tag, _pattern_seq(metadata.leading_digits, True)))
    main = PhoneMetadata.metadata_for_region(regions[0], None)
    if main.national_prefix_for_parsing:
        patterns.append((NATIONAL_PREFIX_TAG, _pattern_seq(main.national_prefix_for_parsing, True)))
    return regions, patterns


@cache
def country_automaton(country_code: int) -> CountryAutomaton:
    """Compile (once per process) the automaton for one country calling code."""
    regions, patterns = _country_patterns(country_code)
    start = frozenset((tag, seq) for tag, seq in patterns)
    states: dict[frozenset, int] = {frozenset(): 0, start: 1}
    order = [frozenset(), start]
    rows: list[list[int]] = [[0] * 10, [0] * 10]
    index = 1
    while index < len(order):
        current = order[index]
        for digit in range(10):
            following = frozenset(
                (tag, derived) for tag, seq in current for derived in _derive(seq, digit)
            )
            target = states.get(following)
            if target is None:
                target = states[following] = len(order)
                order.append(following)
                rows.append([0] * 10)
            rows[index][digit] = target
        index += 1
        if len(order) > 200_000:
            raise Uncompilable(f"+{country_code}: automaton too large")
    prefix_tags = {tag for tag, _ in patterns if tag[1] in ("leading_digits", "national_prefix")}
    accepted = tuple(
        frozenset(tag for tag, seq in s if _nullable(seq) and tag not in prefix_tags) for s in order
    )
    prefixed = tuple(
        frozenset(tag for tag, seq in s if tag in prefix_tags and _nullable(seq)) for s in order
    )
    return CountryAutomaton(
        country_code=country_code,
        regions=regions,
        transitions=np.array(rows, dtype=np.int32),
        accepted=accepted,
        prefixed=prefixed,
    )


def compilable(country_code: int) -> bool:
    try:
        country_automaton(country_code)
    except Uncompilable:
        return False
    return True


COUNTRY_CODES = np.array(sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE), dtype=np.int64)
_NON_GEO = frozenset(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)


def is_geographic(country_code: int) -> bool:
    return country_code not in _NON_GEO


TYPE_NAMES: dict[int, str] = {
    PhoneNumberType.FIXED_LINE: "fixed-line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "local",
    PhoneNumberType.TOLL_FREE: "toll-free",
    PhoneNumberType.PREMIUM_RATE: "premium-rate",
    PhoneNumberType.SHARED_COST: "shared-cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
    PhoneNumberType.UNKNOWN: "",
}
"""Our names for libphonenumber's types; one-to-one so verdicts can be compared."""
