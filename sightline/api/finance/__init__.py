"""The medium-term financial plan in the JSON API: the plan, its revenue budget and capital
programme (with the shares, totals and balance worked out), its scenarios with their
assumptions, the gap year by year against the programme, and the budget cycle.

An interface only: every member of the council reads the plan; before acting, each write asks
the same rule as the pages (``sightline.finance.permissions``) and goes through
``sightline.finance.services``, which asks it again. A change sends the ``version`` it read.
Money is given in pounds as strings with two decimals; years as ``2013/14``.
"""

from ninja import Router

from sightline.api.finance import cycle, plan, scenarios, tables

router = Router()
for part in (plan, tables, scenarios, cycle):
    router.add_router("", part.router)

__all__ = ["router"]
