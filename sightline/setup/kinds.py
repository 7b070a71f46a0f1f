"""The kinds of record a council sets itself up with, as the set-up pages list, show, add,
change and retire them: for each, its selector, its form, the rule asked before offering the
form, and the service that saves it. The pages are the same for every kind; what differs is
written out here, one kind at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sightline.accounts.models import Directorate, Membership, Person, Portfolio, ServiceArea
from sightline.accounts.services import reference_save
from sightline.core.money import format_pounds
from sightline.savings.models import BudgetCode, Bundle, SavingsType
from sightline.savings.services.programme import (
    budget_code_save,
    bundle_save,
    savings_type_save,
)
from sightline.setup import forms, selectors


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    numeric: bool = False


@dataclass(frozen=True)
class Kind:
    slug: str  # in the URL
    noun: str  # "budget code"
    plural: str  # "Budget codes", the list's heading
    rule: str  # asked before adding, changing or retiring one
    records: Callable[..., Any]  # selector(membership=...)
    new: Callable[[Membership], Any]  # a blank record of the reader's council
    form: type[forms.RecordForm]
    save: Callable[..., Any]  # save(obj, *, by, form, expected_version, reason)
    intro: str
    columns: list[Column] = field(default_factory=list)
    details: Callable[[Any], list[tuple[str, Any]]] = lambda obj: []
    years: tuple[str, Callable[[Any], list[tuple[Any, int]]]] | None = None  # title, rows
    label: Callable[[Any], str] = str  # how a record is named in its list and on its page


def _or_dash(value) -> str:
    return str(value) if value not in (None, "") else "—"


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def _reference(obj, *, by, form, expected_version, reason):
    reference_save(obj=obj, by=by, reason=reason, expected_version=expected_version)
    return obj


def _savings_type(obj, *, by, form, expected_version, reason):
    return savings_type_save(
        savings_type=obj, by=by, expected_version=expected_version, reason=reason
    )


def _bundle(obj, *, by, form, expected_version, reason):
    targets = form.years() if form is not None else None
    return bundle_save(
        bundle=obj, by=by, targets=targets, expected_version=expected_version, reason=reason
    )


def _budget_code(obj, *, by, form, expected_version, reason):
    budgets = form.years() if form is not None else None
    return budget_code_save(
        code=obj, by=by, budgets=budgets, expected_version=expected_version, reason=reason
    )


def _target_total(bundle) -> str:
    targets = list(bundle.targets.all())
    if bundle.enabling:
        return "Enabling: no target"
    return ", ".join(f"{t.fy}: {format_pounds(t.target_pence)}" for t in targets) or "None yet"


def _budgets(code) -> str:
    budgets = list(code.budgets.all())
    if budgets:
        return ", ".join(f"{b.fy}: {format_pounds(b.budget_pence)}" for b in budgets)
    year = f" ({code.budget_fy})" if code.budget_fy else ""
    return f"{format_pounds(code.current_budget_pence)}{year}"


REFERENCE = "accounts.change_reference_data"

KINDS: dict[str, Kind] = {
    k.slug: k
    for k in [
        Kind(
            slug="directorates",
            noun="directorate",
            plural="Directorates",
            rule=REFERENCE,
            records=selectors.directorate_list,
            new=lambda m: Directorate(council=m.council),
            form=forms.DirectorateForm,
            save=_reference,
            intro="The council's departments, each with its director. Every proposal, plan and "
            "risk belongs to one.",
            columns=[Column("Director", lambda d: _or_dash(d.director))],
            details=lambda d: [("Name", d.name), ("Director", _or_dash(d.director))],
        ),
        Kind(
            slug="service-areas",
            noun="service area",
            plural="Service areas",
            rule=REFERENCE,
            records=selectors.service_area_list,
            new=lambda m: ServiceArea(),
            form=forms.ServiceAreaForm,
            save=_reference,
            intro="The services within each directorate. A proposal may name the service area "
            "it comes from.",
            columns=[Column("Directorate", lambda a: a.directorate.name)],
            details=lambda a: [("Name", a.name), ("Directorate", a.directorate.name)],
        ),
        Kind(
            slug="people",
            noun="person",
            plural="People",
            rule=REFERENCE,
            records=selectors.person_list,
            new=lambda m: Person(council=m.council),
            form=forms.PersonForm,
            save=_reference,
            intro="The officers and councillors named in proposals, plans and bundles: "
            "directors, sponsors, leads, lead members. A person needs no login.",
            columns=[
                Column("Job title", lambda p: _or_dash(p.job_title)),
                Column("Officer or councillor", lambda p: p.get_kind_display()),
                Column("Login", lambda p: p.user.get_username() if p.user else "None"),
            ],
            details=lambda p: [
                ("Name", p.name),
                ("Job title", _or_dash(p.job_title)),
                ("Officer or councillor", p.get_kind_display()),
                ("Login", p.user.get_username() if p.user else "None"),
            ],
        ),
        Kind(
            slug="portfolios",
            noun="portfolio",
            plural="Portfolios",
            rule=REFERENCE,
            records=selectors.portfolio_list,
            new=lambda m: Portfolio(council=m.council),
            form=forms.PortfolioForm,
            save=_reference,
            intro="The lead members' areas of responsibility. A proposal names its portfolio "
            "and lead member.",
            columns=[
                Column("Lead member", lambda p: _or_dash(p.lead_member)),
                Column("Directorate", lambda p: _or_dash(p.directorate)),
            ],
            details=lambda p: [
                ("Name", p.name),
                ("Lead member", _or_dash(p.lead_member)),
                ("Directorate", _or_dash(p.directorate)),
            ],
        ),
        Kind(
            slug="savings-types",
            noun="savings type",
            plural="Savings types",
            rule="savings.change_savings_type",
            records=selectors.savings_type_list,
            new=lambda m: SavingsType(council=m.council),
            form=forms.SavingsTypeForm,
            save=_savings_type,
            intro="The kinds of saving a proposal can be, each with its counting rule: "
            "cashable or not, recurring or one-off, and whether it counts toward the budget "
            "gap.",
            columns=[
                Column("Cashable", lambda t: _yes(t.cashable)),
                Column("Recurring or one-off", lambda t: "Recurring" if t.recurring else "One-off"),
                Column("Counts toward the budget gap", lambda t: _yes(t.counts_toward_gap)),
            ],
            details=lambda t: [
                ("Name", t.name),
                ("Cashable", _yes(t.cashable)),
                ("Recurring or one-off", "Recurring" if t.recurring else "One-off"),
                ("Counts toward the budget gap", _yes(t.counts_toward_gap)),
            ],
        ),
        Kind(
            slug="bundles",
            noun="bundle",
            plural="Bundles",
            rule="savings.change_bundle",
            records=selectors.bundle_list,
            new=lambda m: Bundle(council=m.council),
            form=forms.BundleForm,
            save=_bundle,
            intro="Cross-department groups of projects, each with a sponsor, a lead and a "
            "savings target per financial year. An enabling bundle's savings are counted in "
            "the others, so it has no target.",
            columns=[
                Column("Sponsor", lambda b: _or_dash(b.sponsor)),
                Column("Lead", lambda b: _or_dash(b.lead)),
                Column("Targets", _target_total),
            ],
            details=lambda b: [
                ("Name", b.name),
                ("Sponsor", _or_dash(b.sponsor)),
                ("Lead", _or_dash(b.lead)),
                ("Vision", _or_dash(b.vision)),
                (
                    "Enabling",
                    "Yes: its savings are counted in other bundles" if b.enabling else "No",
                ),
            ],
            years=("Targets", lambda b: [(t.fy, t.target_pence) for t in b.targets.all()]),
        ),
        Kind(
            slug="budget-codes",
            noun="budget code",
            plural="Budget codes",
            rule="savings.change_budget_code",
            records=selectors.budget_code_list,
            new=lambda m: BudgetCode(council=m.council),
            form=forms.BudgetCodeForm,
            save=_budget_code,
            intro="The ledger lines savings come off, each with its budget by financial year. "
            "A proposal needs a budget code to pass its first gate, and no year's savings on "
            "a code may exceed its budget.",
            columns=[
                Column("What it pays for", lambda c: _or_dash(c.name)),
                Column("Directorate", lambda c: _or_dash(c.directorate)),
                Column("Budget", _budgets),
            ],
            details=lambda c: [
                ("Budget code", c.code),
                ("What it pays for", _or_dash(c.name)),
                ("Directorate", _or_dash(c.directorate) if c.directorate else "Corporate"),
                ("Income code", _yes(c.income)),
                (
                    "Current budget",
                    f"{format_pounds(c.current_budget_pence)}"
                    + (f" ({c.budget_fy})" if c.budget_fy else ""),
                ),
            ],
            years=("Budget by year", lambda c: [(b.fy, b.budget_pence) for b in c.budgets.all()]),
            label=lambda c: c.code,
        ),
    ]
}
