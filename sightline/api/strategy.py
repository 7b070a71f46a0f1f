"""API for the corporate plan, priorities and line of sight."""

from ninja import Router

router = Router(tags=["golden thread"])
