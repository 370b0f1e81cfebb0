"""The common odd shapes read by one match give what the step-by-step cleaning gives
(N2, N2a: issue 17). ``_by_shape`` reads a number with an extension, a tel: link and two
numbers in one cell in one regular-expression match each; on 60,000 texts built from
those shapes and their near misses (other labels, letters, spaces, too few digits, a
second '+', commas, dates) its answer, when it gives one, must be ``_clean_fully``'s.
"""

from __future__ import annotations

import random

from lnp_excel.core.numbers.text import _by_shape, _clean_fully

MAINS = ["212-736-1234", "(212) 736-1234", "+1 212 736 1234", "212.736.1234", "2127361234",
         "+44 20 7946 0958", "736-1234", "212-73", "12", "(212)", "2127361234.0", "1.5",
         "212-736-1234 ", " 212-736-1234", "+212+736", "'212 736 1234", "3/10/1984",
         "212 736 1234 x5", "212-736-O234", "tel:+1-212-736-1234", "", "2l2-736-O234",
         " 212-O36 ", "O", "(O12) 736", "'212-736-OO34", "212.736.O"]  # fmt: skip
JOINS = ["x", " x", "x ", " x ", " ext ", " ext.", "ext.", " ext. ", " X", " EXT ",
         " extn ", ", ", " / ", "/", ",", ",,", "; ", " # ", " and ", "", " e ", " x-",
         "tel:", ":"]  # fmt: skip
TAILS = ["12", "204", "123456789", "1234567890", "212-736-1235", "(212) 736-1235", "5 ",
         "", "x12", "12#", "ab", "+1 212 736 1235", "0"]  # fmt: skip


def generated(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        text = rng.choice(MAINS) + rng.choice(JOINS) + rng.choice(TAILS)
        if rng.random() < 0.15:
            text = rng.choice(["tel:", "TEL: ", "Tel:", "tel:  +", "tel:+", "te1:"]) + text
        texts.append(text)
    return texts


def test_common_shapes_are_read_as_the_full_cleaning_reads_them() -> None:
    texts = generated(60_000, seed=17)
    kinds = {"extension": 0, "tel: link": 0, "2 numbers i": 0, "contains th": 0}
    for text in texts:
        quick = _by_shape(text)
        if quick is not None:
            assert quick == _clean_fully(text), text
            kind = "extension" if quick[2] else "tel: link" if quick[3] else quick[1][:11]
            kinds[kind] += 1
    assert min(kinds.values()) > 200, kinds  # each shape was there
