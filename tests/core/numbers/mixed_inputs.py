"""A typed list as agents send it: two thirds numbers, one third what is not one (N1-N3).

Shared by ``test_pinned_verdicts`` (which pins the engine's verdicts and reasons on it)
and ``benchmarks/bench_numbers.py`` (which times the engine on it, issue 17). Seeded with
``random.Random``, whose sequence Python keeps stable across versions.
"""

from __future__ import annotations

import datetime as dt
import random

# Area codes in service (US and Canada), so the generated numbers are valid.
NPAS = (212, 213, 312, 415, 512, 617, 646, 702, 713, 818, 917, 303, 404, 206, 305, 416, 604)
TOLL_FREE = (800, 888, 877, 866)
EXCHANGES = tuple(n for n in range(200, 1000) if n % 100 != 11 and n != 555)
FORMATS = ("({a}) {b}-{c}", "{a}-{b}-{c}", "{a}.{b}.{c}", "+1 {a} {b} {c}", "1-{a}-{b}-{c}",
           "{a}{b}{c}", "'{a}{b}{c}", "  {a} {b} {c} ", "{a}\u00a0{b}\u00a0{c}",
           "+1 ({a}) {b}-{c}", "{a}\u2014{b}\u2014{c}")  # fmt: skip
WORLD = ("+44 20 7946 {c}", "011 44 20 7946 {c}", "+33 1 42 68 {c}", "+52 55 5086 {c}",
         "+61 2 9374 {c}", "+49 30 9018 {c}", "+91 11 2301 {c}")  # fmt: skip
# What is typed instead of one number (N2), each with the reason it should get.
NOT_A_NUMBER = (
    "{a}-{b}-{c3}",  # too few digits
    "{b}-{c}",  # a local number without area code
    "CALL {a} NOW",  # letters
    "{a}-{b}-{c} / {a}-{b}-{c2}",  # two numbers
    "{a}-{b}-{c}, {a}-{b}-{c2}",
    "{a}-{b}-{o}",  # a letter O where a zero belongs
    "{m}/{d}/{y}",  # dates, as text
    "{y}-{m2}-{d2}",
    "{d2}.{m2}.{y}",
    "{m}-{d}-{yy}",
    "{a1}.{b}{c2}E+09",  # scientific notation that lost digits
    "{lead}{b}{c}",  # an area code starting with 0 or 1
    "{a}{lead}{c}",  # an exchange starting with 0 or 1
    "{dead}-{b}-{c}",  # an area code not in service
    "+1 {a} {b} {c3}",  # +1 and 9 digits (N2b)
    "+1 {a} {b} {c}9",  # +1 and 11 digits
    "2{a}{b}{c}",  # 11 digits that do not start with 1
    "{a}{b}{c}{a}{b}{c}",  # 20 digits: two numbers run together
    "+999 {c}{c}",  # unknown country code
    "tel:+1-{a}-{b}",  # a tel: link to too few digits
    "x{c3}",  # an extension alone
    "{a}-{b}-{c}.5",  # a decimal
    "N/A",
    "TBD",
    "#N/A",
)
# Valid numbers a plain list also holds, with notes or warnings (N2a, N3).
NOTED = (
    "{a}-{b}-{c} x{c3}",  # extension (N2a)
    "({a}) {b}-{c} ext. {c3}",
    "tel:+1-{a}-{b}-{c}",  # tel: link
    "{a}-{n11}-{c}",  # N11 exchange (N3)
    "{a}-555-01{c2}",  # 555-01XX fictional (N3)
)


def mixed_inputs(rows: int, seed: int = 17) -> list[object]:
    """``rows`` values: ~2/3 valid numbers in every format (1 in 6 typed as a number, which
    Excel stores as a float), ~5% valid with an extension, a tel: link or an N3 warning,
    ~1/3 not one number (letters, too few digits, dates as text and as dates, two numbers,
    scientific notation, N2b lengths, dead area codes), a few blanks and repeats."""
    rng = random.Random(seed)
    out: list[object] = []
    for _ in range(rows):
        roll = rng.random()
        a = rng.choice(NPAS)
        b = rng.choice(EXCHANGES)
        c, c2, c3 = f"{rng.randint(0, 9999):04d}", f"{rng.randint(0, 99):02d}", rng.randint(1, 999)
        if roll < 0.02 and out:
            out.append(rng.choice(out))  # listed twice (N6)
        elif roll < 0.03:
            out.append(rng.choice([None, "", " ", float("nan")]))
        elif roll < 0.31:
            out.append(_not_a_number(rng, a, b, c, c2, c3))
        elif roll < 0.36:
            n11 = rng.randint(2, 9) * 100 + 11
            fields = {"a": a, "b": b, "c": c, "c2": c2, "c3": c3, "n11": n11}
            out.append(rng.choice(NOTED).format(**fields))
        elif roll < 0.40:
            out.append(rng.choice(WORLD).format(c=c))
        else:
            if roll < 0.43:
                a = rng.choice(TOLL_FREE)
            if rng.random() < 1 / 6:
                out.append(float(f"{a}{b}{c}") if rng.random() < 0.8 else int(f"{a}{b}{c}"))
            else:
                out.append(rng.choice(FORMATS).format(a=a, b=b, c=c))
    return out


def _not_a_number(rng: random.Random, a: int, b: int, c: str, c2: str, c3: int) -> object:
    if rng.random() < 0.05:  # a date Excel read as a date, or a TRUE
        return rng.choice([dt.datetime(2026, rng.randint(1, 12), rng.randint(1, 28)), True])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    fields = {
        "a": a, "b": b, "c": c, "c2": c2, "c3": c3, "a1": str(a)[0],
        "o": c.replace("0", "O") if "0" in c else "O" + c[1:],
        "m": month, "d": day, "m2": f"{month:02d}", "d2": f"{day:02d}",
        "y": rng.randint(1950, 2030), "yy": f"{rng.randint(0, 99):02d}",
        "lead": rng.choice("01") + f"{rng.randint(0, 99):02d}",
        "dead": rng.choice([999, 370, 960, 421, 532]),
    }  # fmt: skip
    return rng.choice(NOT_A_NUMBER).format(**fields)
