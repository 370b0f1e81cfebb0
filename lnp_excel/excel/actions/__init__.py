"""Workbook actions by name: what the ribbon buttons and ``lnp-excel run`` execute."""

from lnp_excel.excel.actions import (  # noqa: F401  (they register their actions)
    check,
    csr,
    planner,
    track,
)
from lnp_excel.excel.actions.common import ACTIONS, Action, action, run_action, undo_last
from lnp_excel.excel.book import Book

__all__ = ["ACTIONS", "Action", "action", "run_action"]


@action("undo", "Undo last action", "both")
def undo(book: Book) -> str:
    """Put back every cell the last action changed, from the Changes sheet."""
    return undo_last(book)
