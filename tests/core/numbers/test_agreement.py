"""N3: our verdicts are libphonenumber's, on data no one here wrote (N1-N3, N2a, N2b).

The engine does not call libphonenumber for ordinary numbers (it compiles its metadata),
so these tests are what keeps the two in step, including across phonenumbers upgrades:
libphonenumber's own example number for every region and every number type (E.164,
international and national format), the input strings of python-phonenumbers' unit tests,
random inputs and hypothesis. Every expected verdict is computed here by phonenumbers;
the few deliberate differences are listed once, in ``DELIBERATE``, each with its rule.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import phonenumbers
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from phonenumbers import CountryCodeSource, PhoneNumberFormat, PhoneNumberType

from lnp_excel.core.numbers import normalize_numbers
from lnp_excel.core.numbers.matrix import SEPARATORS
from lnp_excel.core.numbers.phonemeta import COUNTRY_CODES, TYPE_NAMES

FORMAT_CHARS = " ()-."
Verdict = tuple[bool, str, str, str, str]  # valid, region, type, number, extension
INVALID: Verdict = (False, "", "", "", "")


def parsed_or_none(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        return None


def libphonenumber_verdict(parsed: phonenumbers.PhoneNumber) -> Verdict:
    """(valid, region, type, number, extension) as libphonenumber gives them."""
    if not phonenumbers.is_valid_number(parsed):
        return INVALID
    if parsed.country_code == 1:
        number = phonenumbers.national_significant_number(parsed)
    else:
        number = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
    region = phonenumbers.region_code_for_number(parsed) or ""
    kind = TYPE_NAMES[phonenumbers.number_type(parsed)]
    return (True, region, kind, number, parsed.extension or "")


# --- the deliberate differences, in one place --------------------------------------------


def _float_text(text: str, parsed: phonenumbers.PhoneNumber) -> bool:
    return re.fullmatch(r"\s*\d+\.\d{1,2}\s*", text) is not None


def _not_ten_digits(text: str, parsed: phonenumbers.PhoneNumber) -> bool:
    """A NANP number of other than 10 digits, or +1 (011 1) with other than 10 after it."""
    if parsed.country_code != 1:
        return False
    nsn = phonenumbers.national_significant_number(parsed)
    if len(nsn) != 10:
        return True
    if parsed.country_code_source not in (
        CountryCodeSource.FROM_NUMBER_WITH_PLUS_SIGN,
        CountryCodeSource.FROM_NUMBER_WITH_IDD,
    ):
        return False
    digits = phonenumbers.normalize_digits_only(text)
    if parsed.extension:
        digits = digits[: digits.rindex(parsed.extension)]
    return not digits.endswith(nsn) or digits[: -len(nsn)][-2:] == "11"


def _letters(text: str, parsed: phonenumbers.PhoneNumber) -> bool:
    """Letters besides a tel: prefix and an extension label: vanity numbers, notes."""
    main = re.sub(r"(?i)^\s*tel:|;[a-z-]+=[^;]*", "", text)
    if parsed.extension:
        main = main[: main.rindex(parsed.extension)]
        main = re.sub(r"(?i)(e?xt\w*|x|int|anexo|доб)\W*$", "", main)
    return any(c.isalpha() for c in main)


def _unlabelled_group(text: str, parsed: phonenumbers.PhoneNumber) -> bool:
    """A second group of digits after "," or ";" with no extension label."""
    return bool(parsed.extension) and re.search(r"[,;]\s*\d+#?\s*$", text) is not None


def _dial_string(text: str, parsed: phonenumbers.PhoneNumber) -> bool:
    """Dialling marks a person does not write into one number: "++", a "~" wait mark
    inside the number, "#" ending a group."""
    main = text[: text.rindex(parsed.extension)] if parsed.extension else text
    return "++" in text or "~" in main.rstrip("~ ") or bool(re.search(r"\d[- ]\d{1,6}#\s*$", text))


# Where the engine refuses what libphonenumber accepts, on purpose, and why.
DELIBERATE: dict[str, tuple[str, Callable[[str, phonenumbers.PhoneNumber], bool]]] = {
    "N1 float": ("2127361234.0 is the float Excel stored; 50020000.01 a decimal", _float_text),
    "N2b": (
        "+1 takes exactly 10 digits (N1: NANP numbers are 10 digits); Canada's 7-digit"
        " 310-XXXX and a doubled 1 are refused",
        _not_ten_digits,
    ),  # fmt: skip
    "N2 letters": ("letters are refused, never read as a vanity number or skipped", _letters),
    "N2 two numbers": ("digits after a bare ',' or ';' may be a second number", _unlabelled_group),
    "N2 dial string": (
        "'++', '~' and 'NNN#' are dial strings, not a number as written",
        _dial_string,
    ),  # fmt: skip
}


def deliberate(text: str, parsed: phonenumbers.PhoneNumber) -> str | None:
    return next((rule for rule, (_, test) in DELIBERATE.items() if test(text, parsed)), None)


# --- comparing ---------------------------------------------------------------------------


def disagreements(texts: list[str], region: str = "US") -> list[str]:
    """Inputs where our verdict differs from libphonenumber's, deliberate ones left out.

    Where libphonenumber cannot parse a text at all, ours must be a refusal too."""
    frame = normalize_numbers(texts, default_region=region)
    wrong = []
    for text, row in zip(texts, frame.itertuples(index=False), strict=True):
        valid = row.status in ("ok", "duplicate")
        ours = (valid, row.region, row.type, row.number, row.extension) if valid else INVALID
        parsed = parsed_or_none(text, region)
        if parsed is None:
            if valid:
                wrong.append(f"{text!r} ({region}): ours {ours}, libphonenumber cannot parse it")
            continue
        expected = libphonenumber_verdict(parsed)
        if ours != expected and not (ours == INVALID and deliberate(text, parsed)):
            wrong.append(f"{text!r} ({region}): ours {ours} vs libphonenumber {expected}")
    return wrong


def example_inputs() -> dict[str, list[str]]:
    """libphonenumber's example numbers for every region and type, per default region:
    E.164 and international format read with US as default, national format with the
    number's own region (where libphonenumber reads its national format back)."""
    by_region: dict[str, list[str]] = {"US": []}
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in sorted(set(TYPE_NAMES) - {PhoneNumberType.UNKNOWN}):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            for style in (PhoneNumberFormat.E164, PhoneNumberFormat.INTERNATIONAL):
                by_region["US"].append(phonenumbers.format_number(example, style))
            national = phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL)
            again = parsed_or_none(national, region)
            if again is not None and phonenumbers.format_number(
                again, PhoneNumberFormat.E164
            ) == phonenumbers.format_number(example, PhoneNumberFormat.E164):
                by_region.setdefault(region, []).append(national)
    for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        example = phonenumbers.example_number_for_non_geo_entity(code)
        if example is not None:
            for style in (PhoneNumberFormat.E164, PhoneNumberFormat.INTERNATIONAL):
                by_region["US"].append(phonenumbers.format_number(example, style))
    return by_region


def test_example_numbers_of_every_region_and_type_agree() -> None:
    inputs = example_inputs()
    assert len(inputs["US"]) > 2 * len(phonenumbers.SUPPORTED_REGIONS) * 3
    assert len(inputs) > 200
    wrong = [w for region, texts in inputs.items() for w in disagreements(texts, region)]
    assert not wrong, "\n".join(wrong[:40])


FULL_WIDTH_US_NUMBER = (  # "+1 (650) 253-0000" in full-width forms, the dash left open
    "\uff0b\uff11\u3000\uff08\uff16\uff15\uff10\uff09\u3000\uff12\uff15\uff13{}"
    "\uff10\uff10\uff10\uff10"
)
# Input strings of python-phonenumbers' own unit tests (python/tests/phonenumberutiltest.py,
# testParse*), with the default region each test parses them with.
UNIT_TEST_INPUTS: list[tuple[str, str]] = [
    ("033316005", "NZ"),
    ("33316005", "NZ"),
    ("03-331 6005", "NZ"),
    ("03 331 6005", "NZ"),
    ("tel:03-331-6005;phone-context=+64", "NZ"),
    ("tel:331-6005;phone-context=+64-3", "NZ"),
    ("tel:331-6005;phone-context=+64-3", "US"),
    ("My number is tel:03-331-6005;phone-context=+64", "NZ"),
    ("tel:03-331-6005;phone-context=+64;a=%A1", "NZ"),
    ("tel:03-331-6005;isub=12345;phone-context=+64", "NZ"),
    ("tel:+64-3-331-6005;isub=12345", "NZ"),
    ("03-331-6005;phone-context=+64", "NZ"),
    ("0064 3 331 6005", "NZ"),
    ("01164 3 331 6005", "US"),
    ("+64 3 331 6005", "US"),
    ("+01164 3 331 6005", "US"),
    ("+0064 3 331 6005", "NZ"),
    ("+ 00 64 3 331 6005", "NZ"),
    ("tel:253-0000;phone-context=www.google.com", "US"),
    ("tel:253-0000;isub=12345;phone-context=www.google.com", "US"),
    ("tel:2530000;isub=12345;phone-context=1234.com", "US"),
    ("64(0)64123456", "NZ"),
    ("301/23456", "DE"),
    ("123-456-7890", "US"),
    ("+81 *2345", "JP"),
    ("12", "NZ"),
    ("0123456", "GB"),
    ("0800 DDA 005", "NZ"),
    ("0900 DDA 6005", "NZ"),
    ("0900 332 6005a", "NZ"),
    ("0900 332 600a5", "NZ"),
    ("0900 332 600A5", "NZ"),
    ("0900 a332 600A5", "NZ"),
    ("+1 (650) 253-0000", "NZ"),
    ("011 800 1234 5678", "US"),
    ("1-650-253-0000", "US"),
    ("0011-650-253-0000", "SG"),
    ("0081-650-253-0000", "SG"),
    ("0191-650-253-0000", "SG"),
    ("0~01-650-253-0000", "PL"),
    ("++1 (650) 253-0000", "PL"),
    ("\uff0b1 (650) 253-0000", "SG"),
    ("1 (650) 253\u00ad0000", "US"),
    (FULL_WIDTH_US_NUMBER.format("\uff0d"), "SG"),
    (FULL_WIDTH_US_NUMBER.format("\u30fc"), "SG"),
    ("\u1811 \u1816\u1815\u1810 \u1812\u1815\u1813 \u1810\u1810\u1810\u1810", "US"),
    ("+39 02-36618 300", "NZ"),
    ("02-36618 300", "IT"),
    ("345 678 901", "IT"),
    ("+54 9 343 555 1212", "AR"),
    ("0343 15 555 1212", "AR"),
    ("+54 9 3715 65 4320", "AR"),
    ("03715 15 65 4320", "AR"),
    ("911 876 54321", "AR"),
    ("+54 11 8765 4321", "AR"),
    ("011 8765 4321", "AR"),
    ("+54 3715 65 4321", "AR"),
    ("03715 65 4321", "AR"),
    ("+54 23 1234 0000", "AR"),
    ("023 1234 0000", "AR"),
    ("01187654321", "AR"),
    ("(0) 1187654321", "AR"),
    ("0 1187654321", "AR"),
    ("(0xx) 1187654321", "AR"),
    ("011xx5481429712", "US"),
    ("+52 (449)978-0001", "MX"),
    ("01 (449)978-0001", "MX"),
    ("(449)978-0001", "MX"),
    ("+52 1 33 1234-5678", "MX"),
    ("044 (33) 1234-5678", "MX"),
    ("045 33 1234-5678", "MX"),
    ("This is not a phone number", "NZ"),
    ("1 Still not a number", "NZ"),
    ("1 MICROSOFT", "NZ"),
    ("12 MICROSOFT", "NZ"),
    ("01495 72553301873 810104", "GB"),
    ("+---", "DE"),
    ("+***", "DE"),
    ("+*******91", "DE"),
    ("+49 0", "DE"),
    ("+210 3456 56789", "NZ"),
    ("+ 00 210 3 331 6005", "NZ"),
    ("123 456 7890", "ZZ"),
    ("0044------", "GB"),
    ("0044", "GB"),
    ("011", "US"),
    ("0119", "US"),
    ("tel:555-1234;phone-context=www.google.com", "ZZ"),
    ("tel:555-1234;phone-context=1-331", "ZZ"),
    (";phone-context=", "ZZ"),
    ("+64 3 331 6005", "ZZ"),
    ("\uff0b64 3 331 6005", "ZZ"),
    ("Tel: +64 3 331 6005", "ZZ"),
    ("+800 1234 5678", "ZZ"),
    ("+979 123 456 789", "ZZ"),
    ("tel:03-331-6005;phone-context=+64", "ZZ"),
    ("  tel:03-331-6005;phone-context=+64", "ZZ"),
    ("tel:03-331-6005;isub=12345;phone-context=+64", "ZZ"),
    ("8123", "BY"),
    ("81234", "BY"),
    ("812345", "BY"),
    ("8123456", "BY"),
    ("03 331 6005 ext 3456", "NZ"),
    ("03-3316005x3456", "NZ"),
    ("03-3316005 int.3456", "NZ"),
    ("03 3316005 #3456", "NZ"),
    ("1800 six-flags", "US"),
    ("1800 SIX FLAGS", "US"),
    ("0~0 1800 7493 5247", "PL"),
    ("(1800) 7493.5247", "US"),
    ("0~0 1800 7493 5247 ~1234", "PL"),
    ("+44 2034567890x456", "NZ"),
    ("+44 2034567890x456", "GB"),
    ("+44 2034567890 x456", "GB"),
    ("+44 2034567890 X456", "GB"),
    ("+44 2034567890 X 456", "GB"),
    ("+44 2034567890 X    456", "GB"),
    ("+44 2034567890 x 456    ", "GB"),
    ("+44 2034567890    X 456", "GB"),
    ("+44-2034567890;ext=456", "GB"),
    ("tel:2034567890;ext=456;phone-context=+44", "ZZ"),
    ("+442034567890\uff45\uff58\uff54\uff4e456", "GB"),
    ("+442034567890\uff58\uff54\uff4e456", "GB"),
    ("+442034567890\uff58\uff54456", "GB"),
    ("(800) 901-3355 x 7246433", "US"),
    ("(800) 901-3355 , ext 7246433", "US"),
    ("(800) 901-3355 ; 7246433", "US"),
    ("(800) 901-3355;7246433", "US"),
    ("(800) 901-3355 ,extension 7246433", "US"),
    ("(800) 901-3355 ,extensi\u00f3n 7246433", "US"),
    ("(800) 901-3355 ,extensio\u0301n 7246433", "US"),
    ("(800) 901-3355 , 7246433", "US"),
    ("(800) 901-3355 ext: 7246433", "US"),
    ("8 (423) 202-25-11, \u0434\u043e\u0431. 100", "RU"),
    ("8 (423) 202-25-11 \u0434\u043e\u0431. 100", "RU"),
    ("8 (423) 202-25-11, \u0434\u043e\u0431 100", "RU"),
    ("8 (423) 202-25-11 \u0434\u043e\u0431 100", "RU"),
    ("8 (423) 202-25-11\u0434\u043e\u0431100", "RU"),
    ("8 (423) 202-25-11, \u0414\u041e\u0411. 100", "RU"),
    ("(212)123-1234 x508/x1234", "US"),
    ("(212)123-1234 x508/ x1234", "US"),
    ("(212)123-1234 x508\\x1234", "US"),
    ("+1 (645) 123 1234-910#", "US"),
    ("+1 (645) 123 1234 ext. 910#", "US"),
    ("tel:+6433316005;ext=0", "NZ"),
    ("tel:+6433316005;ext=01234567890123456789", "NZ"),
    ("tel:+6433316005;ext=012345678901234567890", "NZ"),
    ("03 3316005ext:1", "NZ"),
    ("03 3316005 xtn:12345678901234567890", "NZ"),
    ("03 3316005 extension\t12345678901234567890", "NZ"),
    ("03 3316005 xtensio:12345678901234567890", "NZ"),
    ("03 3316005 xtensi\u00f3n, 12345678901234567890#", "NZ"),
    ("03 3316005extension.12345678901234567890", "NZ"),
    ("03 3316005 \u0434\u043e\u0431:12345678901234567890", "NZ"),
    ("03 3316005 extension 123456789012345678901", "NZ"),
    ("+12679000000,,123456789012345#", "US"),
    ("+12679000000;123456789012345#", "US"),
    ("+442034000000,,123456789#", "GB"),
    ("+12679000000,,1234567890123456#", "US"),
    ("03 3316005 x 123456789", "NZ"),
    ("03 3316005 x. 123456789", "NZ"),
    ("03 3316005 #123456789#", "NZ"),
    ("03 3316005 ~ 123456789", "NZ"),
    ("03 3316005 ~ 1234567890", "NZ"),
    ("+1123-456-7890 666666#", "US"),
    ("+11234567890-6#", "US"),
    ("+1123-456-7890 7777777#", "US"),
    ("800 six-flags", "US"),
    ("1800 six-flag", "US"),
    ("+1800 six-flag", "NZ"),
    ("001800 six-flag", "NZ"),
    ("08122123456", "KR"),
    ("011", "AU"),
    ("001", "AU"),
    ("000", "AU"),
    ("0000", "AU"),
    ("tel:033316005;phone-context=+64", "ZZ"),
    ("tel:033316005;phone-context=+64-3", "ZZ"),
    ("tel:033316005;phone-context=+(555)", "ZZ"),
    ("tel:033316005;phone-context=+-1-2.3()", "ZZ"),
    ("tel:033316005;phone-context=abc.nz", "NZ"),
    ("tel:033316005;phone-context=a", "NZ"),
    ("tel:033316005;phone-context=", "ZZ"),
    ("tel:033316005;phone-context=+", "ZZ"),
    ("tel:033316005;phone-context=64", "ZZ"),
    ("tel:033316005;phone-context=++64", "ZZ"),
    ("tel:033316005;phone-context=+abc", "ZZ"),
]


@pytest.mark.parametrize(("text", "region"), UNIT_TEST_INPUTS)
def test_python_phonenumbers_unit_test_inputs_agree(text: str, region: str) -> None:
    assert not disagreements([text], region)


def test_every_separator_libphonenumber_accepts_is_a_separator() -> None:
    """N2b: em dash, horizontal bar, soft hyphen, ... between the digits of one number."""
    assert {"\u2014", "\u2015", "\u00ad"} <= SEPARATORS and not {"x", "~"} & SEPARATORS
    texts = [f"212{c}736{c}1234" for c in sorted(SEPARATORS)]
    frame = normalize_numbers(texts)
    assert set(frame["number"]) == {"2127361234"}, frame[frame["number"] == ""]
    assert not disagreements(texts)


def random_inputs(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    codes = [int(c) for c in COUNTRY_CODES]
    out = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.5:  # NANP, biased toward plausible area codes and exchanges
            digits = [
                rng.choice("23456789"),
                *rng.choices("0123456789", k=2),
                rng.choice("23456789"),
                *rng.choices("0123456789", k=6),
            ]
            if rng.random() < 0.2:
                digits = rng.choices("0123456789", k=rng.choice([9, 10, 11]))
            text = "".join(digits)
            text = rng.choice(["{}", "1{}", "+1{}", "1-{}", "({}) "]).format(text)
        else:  # anywhere in the world
            nsn = "".join(rng.choices("0123456789", k=rng.randint(4, 13)))
            text = f"+{rng.choice(codes)} {nsn}"
            if rng.random() < 0.1:
                text = "011 " + text[1:]
        out.append(text)
    return out


def test_agreement_on_100k_random_nanp_and_international_inputs() -> None:
    texts = random_inputs(100_000, seed=20261122)
    wrong = disagreements(texts)
    assert not wrong, "\n".join(wrong[:20])


@settings(max_examples=400, deadline=None)
@given(
    plus=st.booleans(),
    digits=st.text(alphabet="0123456789", min_size=1, max_size=16),
    punctuation=st.lists(st.tuples(st.integers(0, 16), st.sampled_from(FORMAT_CHARS)), max_size=4),
)
def test_agreement_property(plus: bool, digits: str, punctuation: list[tuple[int, str]]) -> None:
    chars = list(digits)
    for position, char in sorted(punctuation, reverse=True):
        chars.insert(min(position, len(chars)), char)
    text = ("+" if plus else "") + "".join(chars)
    assume(not re.fullmatch(r"\d+\.\d{1,2}", text))  # N1 float, also in DELIBERATE
    assert not disagreements([text])


@settings(max_examples=200, deadline=None)
@given(number=st.integers(min_value=2_000_000_000, max_value=19_999_999_999))
def test_agreement_on_numbers_stored_by_excel(number: int) -> None:
    frame = normalize_numbers([number, float(number)])
    parsed = parsed_or_none(str(number), "US")
    expected = parsed is not None and libphonenumber_verdict(parsed)[0]
    for _, row in frame.iterrows():
        assert (row["status"] in ("ok", "duplicate")) == expected
