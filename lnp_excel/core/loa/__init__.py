"""Letters of Authorization (L1-L5), pure: the plan's accounts and what each letter says.

``accounts``: the plan's planned numbers grouped into accounts (L1), with what each lacks
(L4). ``letter``: one ``Letter`` per ready account, its content as plain data (L2, L3, L5),
with the numbers that stay when the losing carrier's CSR records are given.
"""

from lnp_excel.core.loa.accounts import Account, plan_accounts
from lnp_excel.core.loa.letter import FULL, PARTIAL, Letter, Letters, letters_of_authorization

__all__ = [
    "FULL",
    "PARTIAL",
    "Account",
    "Letter",
    "Letters",
    "letters_of_authorization",
    "plan_accounts",
]
