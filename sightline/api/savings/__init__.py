"""The savings programme in the JSON API: the summary, the tracker, proposals and their
savings, stages, decisions and monthly forecasts.

An interface only: reads go through ``sightline.savings.selectors`` (scoped to the caller's
council and right to exempt information), writes through ``sightline.savings.services``
(which check roles and rules). This module parses JSON into the values they take (ids into
the caller's own council's records, pounds into pence, text into financial years) and turns
what they return into JSON. Money is given in pounds as strings with two decimals."""

from sightline.api.savings.endpoints import router

__all__ = ["router"]
