"""The demo councils' public pages: Luton Borough Council publishes its savings, budget gap,
Corporate Plan 2011-2014 priorities, a handful of the plan's key performance measures (those
with approved values) and a summary of its risk register; the London Borough of Tower Hamlets
publishes its programme with exempt savings shown as one "not yet published" line, so its
draft savings proposal SAV / RES 002 / 21-22, exempt until its staff consultation ends, is
counted there but never named. Written through the services as each council's programme
office; running it twice changes nothing."""

from __future__ import annotations

from sightline.accounts.models import Council
from sightline.demo.accounts import login
from sightline.performance.models import Indicator
from sightline.performance.services import indicator_save
from sightline.public.models import ExemptTotals
from sightline.public.selectors import settings_for
from sightline.public.services import public_settings_save

# The Corporate Plan's measures with approved figures in the demo.
LUTON_PUBLIC_INDICATORS = ("LBC 1", "LBC 4", "NI 59", "NI 60", "NI 117", "NI 155")


def _publish(council: Council, by, **wanted) -> None:
    current = settings_for(council)
    if current.pk and all(getattr(current, k) == v for k, v in wanted.items()):
        return
    public_settings_save(
        council=council,
        by=by,
        expected_version=current.version if current.pk else None,
        reason="Demo: the council publishes its programme",
        **wanted,
    )


def load(luton: Council, tower_hamlets: Council) -> None:
    office = login("programme_office")
    _publish(
        luton,
        office,
        published=True,
        exempt_totals=ExemptTotals.LEAVE_OUT,
        publish_risk_summary=True,
    )
    for indicator in Indicator.objects.filter(
        council=luton, code__in=LUTON_PUBLIC_INDICATORS, public=False
    ):
        indicator_save(
            by=office,
            indicator=indicator,
            data={"public": True},
            expected_version=indicator.version,
            reason="Demo: published on the council's public pages",
        )
    _publish(
        tower_hamlets,
        login("th_programme_office"),
        published=True,
        exempt_totals=ExemptTotals.ONE_LINE,
        publish_risk_summary=False,
    )
