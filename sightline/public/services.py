"""Writes for the public pages: what a council chooses to publish."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.accounts.models import Council
from sightline.accounts.permissions import check
from sightline.core.audit import save_edit
from sightline.performance.models import Indicator
from sightline.performance.services import indicator_save
from sightline.public.models import PublicSettings

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SETTINGS_FIELDS = ("published", "exempt_totals", "publish_risk_summary")


@transaction.atomic
def public_settings_save(
    *,
    council: Council,
    by: User,
    expected_version: int | None = None,
    reason: str = "",
    indicators=None,
    **values,
) -> PublicSettings:
    """Create or change the council's public settings (the programme office's choice); with
    ``indicators``, publish exactly those of the council's indicators (each change in the
    indicator's own history)."""
    found = PublicSettings.objects.filter(council=council).first()
    check(by, "public.change_settings", found or council)
    settings = found or PublicSettings(council=council)
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"Not a public setting: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        setattr(settings, name, value)
    save_edit(settings, by=by, reason=reason, expected_version=expected_version)
    if indicators is not None:
        _publish_indicators(council, by=by, wanted=indicators, reason=reason)
    return settings


def _publish_indicators(council: Council, *, by: User, wanted, reason: str) -> None:
    wanted_ids = {i.pk for i in wanted}
    for indicator in Indicator.objects.filter(council=council, disabled_on__isnull=True):
        public = indicator.pk in wanted_ids
        if indicator.public != public:
            indicator_save(
                by=by,
                indicator=indicator,
                data={"public": public},
                expected_version=indicator.version,
                reason=reason or ("Published" if public else "No longer published"),
            )
    if wanted_ids - set(Indicator.objects.filter(council=council).values_list("pk", flat=True)):
        raise ValidationError({"public_indicators": "Choose your council's own indicators."})
