"""Worksheet functions: ``=TN_NORMALIZE(A2)``, ``=PORT_BATCH(A2, B2)``, ``=PORT_DATES()`` ...

Each takes one cell or a whole column and answers in the same shape (a column spills),
and turns any error into readable text in the cell, never a traceback. The functions are
plain Python, so tests call them directly; ``@xw.func`` registers them with Excel on
Windows and is a no-op elsewhere. ``UDFS`` lists them with their help text, from which
the build writes the VBA wrappers and the Insert Function descriptions.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd
import xlwings as xw

from lnp_excel.core.carriers import name_key
from lnp_excel.core.csr.common import country_code
from lnp_excel.core.csr.escalation import escalation_answer
from lnp_excel.core.csr.pin import is_pin_carrier
from lnp_excel.core.numbers import DUPLICATE, EMPTY, OK, normalize_numbers
from lnp_excel.core.numbers.single import normalize_one
from lnp_excel.core.plan import PortPath, plan_ports
from lnp_excel.core.plan.paths import NO_PATH
from lnp_excel.core.plan.requests import read_carriers, route
from lnp_excel.core.plan.terms import costs, path_terms
from lnp_excel.core.settings import Settings
from lnp_excel.core.values import parse_date


@dataclass(frozen=True)
class Udf:
    """A worksheet function's name, description and argument help, for the build."""

    name: str
    description: str
    arguments: tuple[tuple[str, str, bool], ...]  # (name, help, optional)
    function: Callable


UDFS: list[Udf] = []


def udf(description: str, **argument_help: str) -> Callable[[Callable], Callable]:
    """Register a worksheet function: readable errors, 2-D ranges in, same shape out."""

    def register(function: Callable) -> Callable:
        @functools.wraps(function)
        def readable(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - a cell shows text, not a traceback
                return f"#LNP: {exc}"

        wrapped = readable
        for name, text in argument_help.items():
            wrapped = xw.arg(name, doc=text)(wrapped)
        wrapped = xw.func(wrapped)
        parameters = inspect.signature(function).parameters.values()
        arguments = tuple(
            (p.name, argument_help.get(p.name, ""), p.default is not inspect.Parameter.empty)
            for p in parameters
        )
        UDFS.append(Udf(function.__name__, description, arguments, wrapped))
        return wrapped

    return register


# --- shapes: one cell or a range --------------------------------------------------------------


def _cells(value: object) -> tuple[list[object], Callable[[list[object]], object]]:
    """Flatten a cell or a range; return the values and how to give answers that shape."""
    if isinstance(value, list | tuple):
        rows = [list(r) if isinstance(r, list | tuple) else [r] for r in value]
        width = max((len(r) for r in rows), default=0)
        flat = [v for r in rows for v in r + [None] * (width - len(r))]

        def reshape(answers: list[object]) -> object:
            return [answers[i * width : (i + 1) * width] for i in range(len(rows))]

        return flat, reshape
    return [value], lambda answers: answers[0]


def _numbers(values: list[object]) -> pd.DataFrame:
    return normalize_numbers(pd.Series(values, dtype=object))


Row = Mapping[str, object]


@functools.lru_cache(maxsize=65_536, typed=True)  # typed: 1, 1.0 and TRUE hash alike
def _number(value: object) -> Row:
    """The engine's row for one cell, kept (read-only): a sheet holds repeats and
    Excel recalculates every formula on open and on F9."""
    return MappingProxyType(normalize_one(value))


def _per_number(numbers: object, answer: Callable[[Row, int], object]) -> object:
    """``answer(row, position)`` for each number's engine row: one cell by the engine's
    single-value path (issue 14: a formula filled down a column), a range by the whole
    column at once. Both give the same rows (``tests/excel/test_udfs.py``)."""
    if not isinstance(numbers, list | tuple):
        return answer(_number(numbers), 0)
    values, shape = _cells(numbers)
    frame = _numbers(values)
    names = list(frame.columns)  # rows as dicts: 5x faster than to_dict("records")
    rows = zip(*(frame[name].tolist() for name in names), strict=True)
    return shape([answer(dict(zip(names, row, strict=True)), at) for at, row in enumerate(rows)])


def _answer_or_reason(row: Row, answer: Callable[[], object]) -> object:
    """``answer()`` for a valid number, blank for a blank cell, else why it is not one."""
    if row["status"] in (OK, DUPLICATE):
        return answer()
    return "" if row["status"] == EMPTY else f"invalid: {row['reason']}"


# --- numbers (N1-N6) -----------------------------------------------------------------------------


@udf(
    "The number as 10 digits (US/Canada) or E.164, or why it is not a number (N1, N2).",
    numbers="a cell or a column of numbers in any format",
)
def TN_NORMALIZE(numbers):
    return _per_number(numbers, lambda row, _: _answer_or_reason(row, lambda: row["number"]))


@udf(
    "Area code and prefix: the first 6 digits of a US/Canada number (N4).",
    numbers="a cell or a column of numbers",
)
def TN_NPA_NXX(numbers):
    return _per_number(numbers, lambda row, _: _answer_or_reason(row, lambda: str(row["npa_nxx"])))


@udf(
    "The number's region: US, CA, a Caribbean region, or another country (N5).",
    numbers="a cell or a column of numbers",
)
def TN_REGION(numbers):
    return _per_number(numbers, lambda row, _: _answer_or_reason(row, lambda: row["region"]))


# --- port-in planning (P1-P8) ---------------------------------------------------------------------


@udf(
    "The self-service request group of a number: its NPA-NXX, and the carrier when given "
    "(P2, P3). Numbers with the same group may share a request of up to 50.",
    number="a cell or a column of numbers",
    carrier="optional: the losing carrier (or a column of them)",
)
def PORT_BATCH(number, carrier=None):
    count = len(_cells(number)[0])
    carriers = _cells(carrier)[0] if carrier is not None else [None] * count
    if len(carriers) != count:
        raise ValueError("give as many carriers as numbers")
    keys = [_carrier_key(name) for name in carriers]
    return _per_number(
        number, lambda row, at: _answer_or_reason(row, lambda: _batch(row, keys[at]))
    )


def _batch(row: Row, key: str) -> str:
    """P2, P3: the NPA-NXX, then the carrier's key when known; blank outside the NANP."""
    group = str(row["npa_nxx"])
    return "" if not row["region"] or not group else f"{group}-{key.upper()}" if key else group


@functools.lru_cache(maxsize=4096, typed=True)
def _carrier_key(name: object) -> str:
    """P3, P3b: the carrier the planner makes of ``name``, as a key ("" not known).

    The planner's own ``read_carriers`` with the shipped directory, once per distinct
    name (a column repeats a few carriers): "AT&T Corp" and "AT&T" are the entry "AT&T",
    "Verizon" and "Verizon Wireless" two entries; an unlisted name is its ``name_key``,
    which is how the planner merges unlisted spellings; "N/A", "#REF!" or blank are not
    known (numbers planned apart, as with no carrier).
    """
    carriers = read_carriers(pd.Series([name], dtype=object), 1, Settings())
    code = int(carriers.codes[0])
    return name_key(carriers.names[code]) if code >= 0 else ""


@udf(
    "The port request each number belongs to, for a whole list at once (spills down): the "
    "same requests Plan requests makes (P1-P4: at most 50 numbers, one NPA-NXX, one carrier).",
    numbers="the column of numbers, e.g. A2:A500",
    carriers="optional: the column of losing carriers, e.g. B2:B500",
)
def PORT_BATCHES(numbers, carriers=None):
    values, shape = _cells(numbers)
    table = pd.DataFrame({"Number": values})
    if carriers is not None:
        names = _cells(carriers)[0]
        if len(names) != len(values):
            raise ValueError("give as many carriers as numbers")
        table["Carrier"] = names
    plan = plan_ports(table, settings=Settings())
    requests = plan.numbers["request"].astype(object).to_numpy()
    reasons = "no request: " + plan.numbers["reason"].astype(str).to_numpy(dtype=object)
    answers = np.where(requests != "", requests, reasons).tolist()
    return shape(answers)


@udf(
    "Which porting path takes the number: Self-Service (US), Managed (Canada) or Custom "
    "(other countries) (P4-P6).",
    numbers="a cell or a column of numbers",
)
def PORT_PATH(numbers):
    return _per_number(
        numbers,
        lambda row, _: _answer_or_reason(
            row, lambda: _path_name(str(row["region"]), row["type"] == "toll-free")
        ),
    )


@functools.lru_cache(maxsize=1024)
def _path_name(region: str, toll_free: bool) -> str:
    """P4-P6 for a valid number of one region and type, by the planner's ``route``."""
    kind = np.array([int(toll_free)], dtype=np.int64)
    path = route(np.array([region], dtype=object), kind, np.array([True]), Settings())[0]
    return PortPath(path).label if path != NO_PATH else ""


@udf(
    "Cost in dollars of porting a count of numbers on a path: Self-Service free, Managed "
    "$5 a number with a $50 minimum; Custom is priced by a statement of work (P5-P7).",
    count="how many numbers (or a column of counts)",
    path="optional: Self-Service, Managed (default) or Custom",
)
def PORT_COST(count, path="Managed"):
    counts, shape = _cells(count)
    port_path = _port_path(path)
    if port_path is PortPath.CUSTOM:
        return shape(["statement of work"] * len(counts))
    numbers = np.array([int(c or 0) for c in counts])
    return shape(costs(np.full(len(numbers), port_path), numbers, Settings()).tolist())


@udf(
    "Earliest and latest expected port dates, in business days from the submission date "
    "(7-10 self-service, 15-21 managed; weekends and US federal holidays skipped) (P5, P7). "
    "A column of dates gives a row of two dates for each.",
    submit_date="optional: the submission date or a column of them (default: today)",
    path="optional: Self-Service (default) or Managed",
)
def PORT_DATES(submit_date=None, path="Self-Service"):
    port_path = _port_path(path)
    dates = _cells(submit_date)[0] if isinstance(submit_date, list | tuple) else [submit_date]
    rows = []
    for value in dates:
        if port_path is PortPath.CUSTOM:
            rows.append(["statement of work", "statement of work"])
            continue
        submit = parse_date(value, "submission date") or dt.date.today()
        rows.append(list(_port_dates(submit, port_path)))
    return rows


@functools.lru_cache(maxsize=4096)
def _port_dates(submit: dt.date, path: PortPath) -> tuple[dt.date, dt.date]:
    """P5, P7 for one submission date (a column of dates repeats a few dozen days)."""
    terms = path_terms(submit, None, Settings())[path.label]
    return terms.earliest, terms.latest


def _port_path(path: object) -> PortPath:
    """P4-P6: the path a cell names ("Self-Service", "self service", "MANAGED", ...)."""
    text = str(path or PortPath.SELF_SERVICE.label).strip().lower().replace(" ", "-")
    for port_path in PortPath:
        if text == port_path.label.lower():
            return port_path
    *first, last = (p.label for p in PortPath)
    raise ValueError(f"unknown path '{path}': use {', '.join(first)} or {last}")


# --- port-out CSR (C6, C10) ---------------------------------------------------------------


@udf(
    "The CSR PIN: 8x82125 for a US number with Inteliquent, Onvoy or Neutral Tandem (any "
    "spelling), otherwise blank; always blank outside the US (C6).",
    carrier="the number's carrier (or a column of them)",
    country="optional: the number's country (default US)",
)
def CSR_PIN(carrier, country="US"):
    carriers, shape = _cells(carrier)
    countries = (
        _cells(country)[0] if isinstance(country, list | tuple) else [country] * len(carriers)
    )
    settings = Settings()
    answers = [
        settings.csr_pin
        if country_code(place or "US", settings) == "US" and is_pin_carrier(name, settings)
        else ""
        for name, place in zip(carriers, countries, strict=True)
    ]
    return shape(answers)


@udf(
    "What to do when a port-out from this carrier is rejected (C10).",
    carrier="the losing carrier (or a column of them)",
    reason="optional: the rejection text",
)
def CSR_ESCALATION(carrier, reason=""):
    carriers, shape = _cells(carrier)
    answers = [escalation_answer(name, reason or "") for name in carriers]
    return shape([f"{a.situation}: {a.resolution}" for a in answers])
