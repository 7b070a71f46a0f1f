"""API for service plans, actions and quarterly updates."""

from ninja import Router

router = Router(tags=["service plans"])
