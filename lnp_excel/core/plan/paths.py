"""The three port-in paths (P4-P6) as one enum: codes for arrays, names for people.

``PortPath`` values are the integer codes the planner keeps per row and per request
(numpy arrays; -1, ``NO_PATH``, for rows not planned); ``PATHS`` holds their names in code
order, so ``PATHS[code]`` is what the sheets show and ``PortPath.MANAGED`` is what code
compares with, never a bare 1.
"""

from __future__ import annotations

import enum


class PortPath(enum.IntEnum):
    """Self-Service (P7, US only), Managed (P5, US and Canada), Custom (P6, the rest)."""

    SELF_SERVICE = 0
    MANAGED = 1
    CUSTOM = 2

    @property
    def label(self) -> str:
        """The name the sheets, the request ids' readers and the worksheet functions use."""
        return _LABELS[self.value]

    @property
    def prefix(self) -> str:
        """Request id prefix: SS-, MG-, CU-."""
        return _PREFIXES[self.value]


_LABELS = ("Self-Service", "Managed", "Custom")
_PREFIXES = ("SS", "MG", "CU")
NO_PATH = -1  # a row in no request (invalid, duplicate, empty)
PATHS: tuple[str, ...] = tuple(path.label for path in PortPath)
SELF_SERVICE, MANAGED, CUSTOM = PATHS
