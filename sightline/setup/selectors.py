"""Reads for the set-up pages, each scoped to the reader's council: the records a council sets
itself up with, its logins, and the set-up index's counts and what is still missing."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from sightline.accounts.models import Directorate, Membership, Person, Portfolio, ServiceArea
from sightline.savings.models import BudgetCode, Bundle, BundleTarget, ProgrammeYear, SavingsType
from sightline.savings.models.programme import BudgetCodeBudget


def directorate_list(*, membership: Membership) -> QuerySet[Directorate]:
    return Directorate.objects.filter(council=membership.council).select_related("director")


def service_area_list(*, membership: Membership) -> QuerySet[ServiceArea]:
    return (
        ServiceArea.objects.filter(directorate__council=membership.council)
        .select_related("directorate")
        .order_by("directorate__name", "name")
    )


def portfolio_list(*, membership: Membership) -> QuerySet[Portfolio]:
    return Portfolio.objects.filter(council=membership.council).select_related(
        "lead_member", "directorate"
    )


def person_list(*, membership: Membership) -> QuerySet[Person]:
    return Person.objects.filter(council=membership.council).select_related("user")


def savings_type_list(*, membership: Membership) -> QuerySet[SavingsType]:
    return SavingsType.objects.filter(council=membership.council)


def bundle_list(*, membership: Membership) -> QuerySet[Bundle]:
    return (
        Bundle.objects.filter(council=membership.council)
        .select_related("sponsor", "lead")
        .prefetch_related(Prefetch("targets", queryset=BundleTarget.objects.order_by("fy")))
    )


def budget_code_list(*, membership: Membership) -> QuerySet[BudgetCode]:
    return (
        BudgetCode.objects.filter(council=membership.council)
        .select_related("directorate")
        .prefetch_related(Prefetch("budgets", queryset=BudgetCodeBudget.objects.order_by("fy")))
    )


def login_list(*, membership: Membership) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(council=membership.council)
        .select_related("user", "directorate")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


@dataclass
class Task:
    """One line of the set-up index: what to set up, how much there is, and what is missing."""

    key: str
    title: str
    url: str  # a URL name, with ``kind`` for the record pages
    kind: str = ""
    summary: str = ""
    missing: str = ""  # why it matters that there are none yet
    optional: bool = False
    rule: str = ""  # the rule that lets the reader open it ("" for every member)

    @property
    def done(self) -> bool:
        return not self.missing


MISSING = {
    "directorates": "No directorates yet: every proposal, plan and risk belongs to one.",
    "service-areas": "No service areas yet: a proposal can name its service area once there "
    "are some.",
    "people": "No officers or councillors yet: directorates, bundles and proposals name them.",
    "officers": "No officers yet: directorates, bundles and proposals name their officers.",
    "councillors": "No councillors yet: portfolios and proposals name their lead members.",
    "portfolios": "No portfolios yet: proposals cannot name their lead member's portfolio.",
    "logins": "Only one login so far: invite the directors, finance and the project leads.",
    "savings-types": "No savings types yet: no proposal can be added or imported without one.",
    "bundles": "No bundles yet: the programme's target cannot be shared out between bundles.",
    "budget-codes": "No budget codes yet: proposals cannot pass their first gate.",
    "targets": "No yearly targets yet: the dashboard has nothing to measure savings against.",
}


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _record_task(key: str, title: str, qs: QuerySet, noun: str, optional=False) -> Task:
    """A task for a kind of record with ``disabled_on``: its live and retired counts."""
    counts = qs.aggregate(
        live=Count("pk", filter=Q(disabled_on__isnull=True)),
        retired=Count("pk", filter=Q(disabled_on__isnull=False)),
    )
    summary = _plural(counts["live"], noun)
    if counts["retired"]:
        summary += f" ({counts['retired']} retired)"
    missing = "" if counts["live"] else MISSING[key]
    return Task(key, title, "setup:list", key, summary, missing, optional=optional)


def _people_missing(officers: int, councillors: int) -> str:
    if not officers and not councillors:
        return MISSING["people"]
    if not officers:
        return MISSING["officers"]
    return "" if councillors else MISSING["councillors"]


def setup_overview(*, membership: Membership) -> list[Task]:
    """The set-up index: each thing a council sets itself up with, its count, and what is
    missing while there are none."""
    m = membership
    people = (
        person_list(membership=m)
        .active()
        .aggregate(
            officers=Count("pk", filter=Q(kind=Person.Kind.OFFICER)),
            councillors=Count("pk", filter=Q(kind=Person.Kind.COUNCILLOR)),
        )
    )
    logins = login_list(membership=m).filter(user__is_active=True).count()
    years = ProgrammeYear.objects.filter(council=m.council).count()
    return [
        _record_task("directorates", "Directorates", directorate_list(membership=m), "directorate"),
        _record_task(
            "service-areas",
            "Service areas",
            service_area_list(membership=m),
            "service area",
            optional=True,
        ),
        Task(
            "people",
            "People",
            "setup:list",
            "people",
            f"{_plural(people['officers'], 'officer')}, "
            f"{_plural(people['councillors'], 'councillor')}",
            _people_missing(people["officers"], people["councillors"]),
        ),
        _record_task("portfolios", "Portfolios", portfolio_list(membership=m), "portfolio"),
        Task(
            "logins",
            "Logins",
            "setup:logins",
            summary=_plural(logins, "active login"),
            missing="" if logins > 1 else MISSING["logins"],
            optional=True,
            rule="accounts.manage_logins",
        ),
        _record_task(
            "savings-types", "Savings types", savings_type_list(membership=m), "savings type"
        ),
        _record_task("bundles", "Bundles and their targets", bundle_list(membership=m), "bundle"),
        _record_task(
            "budget-codes",
            "Budget codes and their budgets",
            budget_code_list(membership=m),
            "budget code",
        ),
        Task(
            "targets",
            "The council's yearly targets and team cost",
            "savings:targets",
            summary=_plural(years, "year") + " with a target",
            missing="" if years else MISSING["targets"],
        ),
    ]
