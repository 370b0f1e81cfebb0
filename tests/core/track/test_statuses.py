"""T1: every platform's status word maps to one lifecycle status; the table is data."""

from __future__ import annotations

from pathlib import Path

import pytest

import lnp_excel
from lnp_excel.core.track.statuses import (
    BANDWIDTH,
    CANCELLED,
    COMPLETE,
    DRAFT,
    EXCEPTION,
    FOC_SET,
    LIFECYCLE,
    NOT_SUBMITTED,
    PLAIN,
    SUBMITTED,
    TELNYX,
    TWILIO,
    TWILIO_NUMBER,
    UNKNOWN,
    lifecycle_status,
    status_table,
)
from lnp_excel.io.tables import read_table

TEMPLATES = Path(lnp_excel.__file__).parent / "templates"

# The words each platform publishes, with the lifecycle status each one means (T1).
PUBLISHED = {
    BANDWIDTH: {
        "DRAFT": DRAFT,
        "PENDING_DOCUMENTS": DRAFT,
        "SUBMITTED": SUBMITTED,
        "EXCEPTION": EXCEPTION,
        "REQUESTED_SUPP": SUBMITTED,
        "FOC": FOC_SET,
        "REQUESTED_CANCEL": SUBMITTED,
        "CANCELLED": CANCELLED,
        "COMPLETE": COMPLETE,
    },
    TELNYX: {
        "draft": DRAFT,
        "in-process": SUBMITTED,
        "submitted": SUBMITTED,
        "exception": EXCEPTION,
        "foc-date-confirmed": FOC_SET,
        "cancel-pending": SUBMITTED,
        "ported": COMPLETE,
        "cancelled": CANCELLED,
    },
    TWILIO: {
        "In review": SUBMITTED,
        "Waiting for Signature": DRAFT,
        "signature-expired": EXCEPTION,
        "Expired": CANCELLED,
        "In progress": SUBMITTED,
        "Action Required": EXCEPTION,
        "Completed": COMPLETE,
        "Canceled": CANCELLED,
    },
    TWILIO_NUMBER: {"rejected": EXCEPTION, "submitted": SUBMITTED, "completed": COMPLETE},
    PLAIN: {"not submitted": NOT_SUBMITTED, "FOC set": FOC_SET, "Ported": COMPLETE},
}


@pytest.mark.parametrize(
    ("platform", "word", "lifecycle"),
    [(p, w, s) for p, words in PUBLISHED.items() for w, s in words.items()],
)
def test_every_published_status_word_is_mapped(platform: str, word: str, lifecycle: str) -> None:
    """T1: each platform's word, in any case or separator, is one lifecycle status."""
    assert lifecycle_status(platform, word) == lifecycle
    assert lifecycle_status(platform, word.upper().replace("-", "_")) == lifecycle


def test_every_lifecycle_status_is_reached_and_unknown_words_are_not_guessed() -> None:
    table = status_table()
    assert set(table["Lifecycle"]) == set(LIFECYCLE)
    assert lifecycle_status(BANDWIDTH, "ON_HOLD_FOREVER") == UNKNOWN
    assert lifecycle_status(TELNYX, "") == UNKNOWN


def test_the_shipped_csv_is_the_status_table() -> None:
    """T1: the CSV teams edit and the code's table are the same data."""
    shipped = read_table(TEMPLATES / "statuses.csv", alias_groups=(("Platform",),)).frame
    assert shipped.reset_index(drop=True).equals(status_table().astype(object))
