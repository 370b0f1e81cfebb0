"""Port-in planning (rules P1-P12): a customer's list -> port requests, cost and dates.

Public API: ``plan_ports`` and the ``Plan`` it returns; ``PortPath``, the paths as an
enum. ``planner`` runs the steps: ``paths``, ``inputs`` (columns, dates), ``requests``
(carriers, routing, grouping), ``terms`` (cost and dates per path), ``summary``,
``checklist`` and ``tables`` (the output frames).
"""

from lnp_excel.core.plan.paths import PATHS, PortPath
from lnp_excel.core.plan.planner import Plan, plan_ports

__all__ = ["PATHS", "Plan", "PortPath", "plan_ports"]
