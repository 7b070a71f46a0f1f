"""API for performance indicators, targets and actuals."""

from ninja import Router

router = Router(tags=["indicators"])
