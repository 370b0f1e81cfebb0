"""T1: one lifecycle for every platform's status words, as data.

Bandwidth, Telnyx, Twilio and an agent's own sheet each say where a port is in their own
words. The tracker shows one lifecycle (``LIFECYCLE``) with the platform's word kept
beside it. The mapping is data (``lnp_excel/templates/statuses.csv`` equals ``STATUSES``,
a test checks it), like the carrier directory and the reject-code table: a team adds a
word there, not in code. Words compare without case, spaces, hyphens or underscores, so
``in-review``, ``In Review`` and ``IN_REVIEW`` are one word.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

NOT_SUBMITTED = "Not submitted"
DRAFT = "Draft"
SUBMITTED = "Submitted"
EXCEPTION = "Exception"
FOC_SET = "FOC set"
COMPLETE = "Complete"
CANCELLED = "Cancelled"
LIFECYCLE: tuple[str, ...] = (
    NOT_SUBMITTED,
    DRAFT,
    SUBMITTED,
    EXCEPTION,
    FOC_SET,
    COMPLETE,
    CANCELLED,
)
UNKNOWN = "Unknown"  # a word not in the table: shown as given, never guessed
CLOSED = frozenset({COMPLETE, CANCELLED})

BANDWIDTH, TELNYX, TWILIO, TWILIO_NUMBER, PLAIN = (
    "Bandwidth",
    "Telnyx",
    "Twilio",
    "Twilio number",
    "Plain",
)
STATUS_COLUMNS: tuple[str, ...] = ("Platform", "Status", "Lifecycle")

# (platform, the platform's word, lifecycle status). Bandwidth's port-in
# ProcessingStatus; Telnyx's porting order status.value; Twilio's port_in_request_status
# and, per number, port_in_phone_number_status; an agent's plain CSV.
STATUSES: tuple[tuple[str, str, str], ...] = (
    (BANDWIDTH, "DRAFT", DRAFT),
    (BANDWIDTH, "PENDING_DOCUMENTS", DRAFT),
    (BANDWIDTH, "SUBMITTED", SUBMITTED),
    (BANDWIDTH, "EXCEPTION", EXCEPTION),
    (BANDWIDTH, "REQUESTED_SUPP", SUBMITTED),
    (BANDWIDTH, "FOC", FOC_SET),
    (BANDWIDTH, "REQUESTED_CANCEL", SUBMITTED),
    (BANDWIDTH, "CANCELLED", CANCELLED),
    (BANDWIDTH, "COMPLETE", COMPLETE),
    (TELNYX, "draft", DRAFT),
    (TELNYX, "in-process", SUBMITTED),
    (TELNYX, "submitted", SUBMITTED),
    (TELNYX, "exception", EXCEPTION),
    (TELNYX, "foc-date-confirmed", FOC_SET),
    (TELNYX, "cancel-pending", SUBMITTED),
    (TELNYX, "ported", COMPLETE),
    (TELNYX, "cancelled", CANCELLED),
    (TWILIO, "in-review", SUBMITTED),
    (TWILIO, "waiting-for-signature", DRAFT),
    (TWILIO, "signature-expired", EXCEPTION),
    (TWILIO, "expired", CANCELLED),
    (TWILIO, "in-progress", SUBMITTED),
    (TWILIO, "action-required", EXCEPTION),
    (TWILIO, "completed", COMPLETE),
    (TWILIO, "canceled", CANCELLED),
    (TWILIO_NUMBER, "in-review", SUBMITTED),
    (TWILIO_NUMBER, "waiting-for-signature", DRAFT),
    (TWILIO_NUMBER, "submitted", SUBMITTED),
    (TWILIO_NUMBER, "pending", SUBMITTED),
    (TWILIO_NUMBER, "foc-date-set", FOC_SET),
    (TWILIO_NUMBER, "rejected", EXCEPTION),
    (TWILIO_NUMBER, "action-required", EXCEPTION),
    (TWILIO_NUMBER, "completed", COMPLETE),
    (TWILIO_NUMBER, "canceled", CANCELLED),
    (PLAIN, "not submitted", NOT_SUBMITTED),
    (PLAIN, "draft", DRAFT),
    (PLAIN, "submitted", SUBMITTED),
    (PLAIN, "pending", SUBMITTED),
    (PLAIN, "exception", EXCEPTION),
    (PLAIN, "rejected", EXCEPTION),
    (PLAIN, "foc", FOC_SET),
    (PLAIN, "foc set", FOC_SET),
    (PLAIN, "complete", COMPLETE),
    (PLAIN, "completed", COMPLETE),
    (PLAIN, "ported", COMPLETE),
    (PLAIN, "cancelled", CANCELLED),
    (PLAIN, "canceled", CANCELLED),
)
_FOLD = re.compile(r"[\s_\-]+")


def status_table() -> pd.DataFrame:
    """The shipped table as the CSV and ``docs/rules.md`` show it."""
    return pd.DataFrame(list(STATUSES), columns=list(STATUS_COLUMNS))


def fold_word(word: object) -> str:
    """``In Review`` = ``in-review`` = ``IN_REVIEW``: how status words compare."""
    return "" if word is None else _FOLD.sub("", str(word)).casefold()


@lru_cache(maxsize=1)
def _index() -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    by_platform: dict[tuple[str, str], str] = {}
    anywhere: dict[str, str] = {}
    for platform, word, lifecycle in status_table().itertuples(index=False):
        by_platform[(platform, fold_word(word))] = lifecycle
        anywhere.setdefault(fold_word(word), lifecycle)
    for lifecycle in LIFECYCLE:  # the lifecycle's own words always read as themselves
        anywhere.setdefault(fold_word(lifecycle), lifecycle)
    return by_platform, anywhere


def lifecycle_status(platform: str, word: object) -> str:
    """T1: the lifecycle status of a platform's word; ``UNKNOWN`` for a word not in the
    table (an empty word is ``UNKNOWN`` too: an order always has a status)."""
    folded = fold_word(word)
    if not folded:
        return UNKNOWN
    by_platform, anywhere = _index()
    return by_platform.get((platform, folded)) or anywhere.get(folded, UNKNOWN)
