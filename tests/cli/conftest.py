"""Fixtures for command-line tests: the freshly built workbooks `lnp-excel run` acts on."""

from __future__ import annotations

from tests.excel.conftest import built  # noqa: F401 - the same session fixture, shared
