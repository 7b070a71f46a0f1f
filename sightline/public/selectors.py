"""What the public reads about a council: only what it publishes, never anything exempt.

Every read here starts from the council's own public settings (``public_council``: not found
unless published) and reads as ``PublicReader``: a reader who sees nothing exempt (Schedule
12A) and leads no proposal, so an exempt proposal appears only once its "may be published
from" date has come (or the programme office published it now). Savings are the approved
ones; indicators those marked public, with approved actuals only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404
from django.utils import timezone

from sightline.accounts.models import Council
from sightline.core.charts import sparkline
from sightline.core.charts.heatmap import BANDS, band
from sightline.core.fiscal import FinancialYear
from sightline.finance import selectors as finance_selectors
from sightline.performance import rules as performance_rules
from sightline.performance.models import Actual, Indicator, Target
from sightline.performance.selectors import code_sort_key
from sightline.public.models import ExemptTotals, PublicSettings
from sightline.risks.models import Risk
from sightline.savings.models import (
    BenefitConfirmation,
    DecisionStatus,
    Forecast,
    Proposal,
    SavingLine,
    Stage,
)
from sightline.strategy import selectors as strategy_selectors

# --- the council and who reads ------------------------------------------------------------------


@dataclass(frozen=True)
class PublicReader:
    """The public, read through the selectors written for members: a reader who sees nothing
    exempt and leads no proposal. No login has the id 0, so ``visible_to`` finds no proposal
    led by this reader (``None`` would match proposals whose officers have no login)."""

    council: Council
    user_id: int = 0
    sees_exempt: bool = False
    exempt_access: bool = False
    role: str = "public"

    @property
    def council_id(self) -> int:
        return self.council.pk


def year_slug(fy: FinancialYear) -> str:
    """``2013-14``: a financial year in a URL."""
    return f"{fy.start_year}-{(fy.start_year + 1) % 100:02d}"


def public_slug(council: Council) -> str:
    """The council's address in public URLs: its short code, lower-cased."""
    return council.short_code.lower()


def public_council(slug: str) -> tuple[Council, PublicSettings]:
    """The council at ``/c/<slug>/`` and its settings; not found unless it publishes."""
    found = PublicSettings.objects.filter(
        council__short_code__iexact=slug, published=True
    ).select_related("council")
    settings = found.first()
    if settings is None or public_slug(settings.council) != slug:
        raise Http404("No council publishes at this address.")
    return settings.council, settings


def settings_for(council: Council) -> PublicSettings:
    """The council's public settings, or the defaults (nothing published) if it has none."""
    return PublicSettings.objects.filter(council=council).first() or PublicSettings(council=council)


# --- savings ------------------------------------------------------------------------------------


def _published(council: Council) -> QuerySet[Proposal]:
    """The council's proposals the public may read: not archived, and not exempt unless the
    date it may be published from has come."""
    return Proposal.objects.filter(council=council, archived_at__isnull=True).filter(
        Q(exempt=False) | Q(exempt_until__lte=timezone.localdate())
    )


def _unpublished(council: Council) -> QuerySet[Proposal]:
    return Proposal.objects.filter(council=council, archived_at__isnull=True).exclude(
        pk__in=_published(council).values("pk")
    )


def _approved(qs: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return qs.filter(decision_status=DecisionStatus.APPROVED).exclude(stage=Stage.WITHDRAWN)


@dataclass
class SavingRow:
    reference: str
    title: str
    directorate: str
    service_area: str
    savings_type: str
    stage: str
    stage_label: str
    planned: int  # pence, the year's incremental saving
    delivered: int | None  # pence, confirmed by finance
    rag: str  # the latest forecast's RAG for the year ("" without one)
    rag_label: str


@dataclass
class DirectorateTotal:
    name: str
    count: int = 0
    planned: int = 0
    delivered: int = 0


@dataclass
class YearSavings:
    council: Council
    fy: FinancialYear
    rows: list[SavingRow]  # each saving (empty when only the totals were read)
    directorates: list[DirectorateTotal]
    planned: int
    delivered: int
    count: int  # how many savings
    unpublished_count: int = 0  # shown only when the council chooses the one line
    unpublished_amount: int = 0
    show_unpublished: bool = False

    @property
    def slug(self) -> str:
        return year_slug(self.fy)

    @property
    def planned_with_unpublished(self) -> int:
        return self.planned + (self.unpublished_amount if self.show_unpublished else 0)


STAGE_LABELS = dict(Stage.choices)

RAG_LABELS = {
    "blue": "Blue (delivered)",
    "green": "Green",
    "amber": "Amber",
    "red": "Red",
    "": "Not rated",
}


def savings_years(council: Council) -> list[FinancialYear]:
    """The years with an approved saving the public may read, oldest first."""
    # Ordered by the year alone: the lines' default ordering (year, id) would make DISTINCT
    # return every line.
    return list(
        SavingLine.objects.filter(proposal__in=_approved(_published(council)))
        .order_by("fy")
        .values_list("fy", flat=True)
        .distinct()
    )


def _unpublished_totals(council: Council, fy: FinancialYear) -> tuple[int, int]:
    """How many approved savings for ``fy`` are not yet published, and their sum (pence)."""
    lines = SavingLine.objects.filter(proposal__in=_approved(_unpublished(council)), fy=fy)
    count = lines.values("proposal").distinct().count()
    amount = lines.aggregate(s=Sum("amount_pence"))["s"] or 0
    return count, amount


def year_savings(council: Council, settings: PublicSettings, fy: FinancialYear) -> YearSavings:
    """The approved savings the public may read for ``fy``, with their totals by directorate
    and, if the council chooses, one unnamed line for those not yet published."""
    lines = SavingLine.objects.filter(proposal=OuterRef("pk"), fy=fy).values("proposal")
    latest = Forecast.objects.filter(proposal=OuterRef("pk"), fy=fy).order_by("-month")
    proposals = (
        # With a line in the year: EXISTS rather than a join made DISTINCT over every column.
        _approved(_published(council))
        .filter(Exists(SavingLine.objects.filter(proposal=OuterRef("pk"), fy=fy)))
        .annotate(
            fy_planned=Subquery(lines.annotate(s=Sum("amount_pence")).values("s")),
            fy_delivered=Subquery(
                BenefitConfirmation.objects.filter(proposal=OuterRef("pk"), fy=fy).values(
                    "amount_pence"
                )[:1]
            ),
            fy_rag=Subquery(latest.values("rag")[:1]),
        )
        .order_by("directorate__name", "service_area__name", "reference")
        # The few columns shown, not a proposal each.
        .values_list(
            "reference",
            "title",
            "directorate__name",
            "service_area__name",
            "savings_type__name",
            "stage",
            "fy_planned",
            "fy_delivered",
            "fy_rag",
        )
    )
    rows, by_directorate = [], {}
    for reference, title, directorate, service_area, savings_type, stage, *figures in proposals:
        planned, delivered, fy_rag = figures
        rag = "blue" if stage == Stage.DELIVERED else (fy_rag or "")
        row = SavingRow(
            reference=reference,
            title=title,
            directorate=directorate,
            service_area=service_area or "",
            savings_type=savings_type,
            stage=stage,
            stage_label=str(STAGE_LABELS.get(stage, stage)),
            planned=planned or 0,
            delivered=delivered,
            rag=rag,
            rag_label=RAG_LABELS.get(rag, rag),
        )
        rows.append(row)
        total = by_directorate.setdefault(row.directorate, DirectorateTotal(row.directorate))
        total.count += 1
        total.planned += row.planned
        total.delivered += row.delivered or 0
    result = YearSavings(
        council=council,
        fy=fy,
        rows=rows,
        directorates=list(by_directorate.values()),
        planned=sum(r.planned for r in rows),
        delivered=sum(r.delivered or 0 for r in rows),
        count=len(rows),
    )
    if settings.exempt_totals == ExemptTotals.ONE_LINE:
        result.unpublished_count, result.unpublished_amount = _unpublished_totals(council, fy)
        result.show_unpublished = result.unpublished_count > 0
    return result


def years_totals(
    council: Council, settings: PublicSettings, years: list[FinancialYear]
) -> list[YearSavings]:
    """For each of ``years``, in that order, the totals of :func:`year_savings` (by
    directorate, and the one unnamed line if the council chooses it) without each saving:
    summed by the database, the same few queries however many years and savings."""
    published = _approved(_published(council))
    lines = (
        SavingLine.objects.filter(proposal__in=published, fy__in=years)
        .order_by("fy", "proposal__directorate__name")
        .values("fy", "proposal__directorate__name")
        .annotate(count=Count("proposal", distinct=True), planned=Sum("amount_pence"))
        .values_list("fy", "proposal__directorate__name", "count", "planned")
    )
    # What finance confirmed, for the savings with a line in the year (as year_savings).
    confirmed = (
        BenefitConfirmation.objects.filter(proposal__in=published, fy__in=years)
        .filter(Exists(SavingLine.objects.filter(proposal=OuterRef("proposal"), fy=OuterRef("fy"))))
        .order_by()
        .values("fy", "proposal__directorate__name")
        .annotate(amount=Sum("amount_pence"))
        .values_list("fy", "proposal__directorate__name", "amount")
    )
    delivered = {(fy, name): amount for fy, name, amount in confirmed}
    by_year: dict[FinancialYear, list[DirectorateTotal]] = {fy: [] for fy in years}
    for fy, name, count, planned in lines:
        by_year[fy].append(
            DirectorateTotal(name, count, planned or 0, delivered.get((fy, name)) or 0)
        )
    unpublished = {}
    if settings.exempt_totals == ExemptTotals.ONE_LINE:
        unpublished = {
            fy: (count, amount or 0)
            for fy, count, amount in SavingLine.objects.filter(
                proposal__in=_approved(_unpublished(council)), fy__in=years
            )
            .order_by()
            .values("fy")
            .annotate(count=Count("proposal", distinct=True), amount=Sum("amount_pence"))
            .values_list("fy", "count", "amount")
        }
    result = []
    for fy, directorates in by_year.items():
        count, amount = unpublished.get(fy, (0, 0))
        result.append(
            YearSavings(
                council=council,
                fy=fy,
                rows=[],
                directorates=directorates,
                planned=sum(d.planned for d in directorates),
                delivered=sum(d.delivered for d in directorates),
                count=sum(d.count for d in directorates),
                unpublished_count=count,
                unpublished_amount=amount,
                show_unpublished=count > 0,
            )
        )
    return result


# --- the budget gap -----------------------------------------------------------------------------


@dataclass
class GapRow:
    fy: FinancialYear
    to_find: int
    approved: int
    delivered: int
    remaining: int
    closed: bool


@dataclass
class PublicGap:
    plan_title: str
    scenario: str
    rows: list[GapRow] = field(default_factory=list)


def budget_gap(council: Council) -> PublicGap | None:
    """The budget gap of the council's financial plan (its base scenario) year by year, and
    how far the approved savings the public may read close it; None without a plan."""
    reader = PublicReader(council)
    plan = finance_selectors.plan_get(membership=reader)
    scenario = finance_selectors.scenario_base(membership=reader) if plan else None
    if plan is None or scenario is None:
        return None
    found = finance_selectors.gap(membership=reader, plan=plan, scenario=scenario)
    return PublicGap(
        plan_title=plan.title,
        scenario=scenario.name,
        rows=[
            GapRow(
                fy=y.fy,
                to_find=y.to_find,
                approved=y.counted["approved"],
                delivered=y.counted["delivered"],
                remaining=y.remaining["approved"],
                closed=y.closed,
            )
            for y in found.years
        ],
    )


# --- the corporate plan -------------------------------------------------------------------------


def corporate_plan(council: Council):
    """The council's corporate plan and its priorities (None without one)."""
    plan = strategy_selectors.current_plan(membership=PublicReader(council))
    if plan is None:
        return None, []
    return plan, list(plan.priorities.order_by("number"))


# --- indicators ---------------------------------------------------------------------------------


@dataclass
class PublicActual:
    period: datetime.date
    label: str
    value: Decimal
    value_text: str
    target: Decimal | None
    target_text: str


@dataclass
class PublicIndicator:
    indicator: Indicator
    actuals: list[PublicActual]
    chart: str = ""

    @property
    def latest(self) -> PublicActual | None:
        return self.actuals[-1] if self.actuals else None


TREND_POINTS = 8


def _hundredths(value: int) -> str:
    return f"{Decimal(value) / 100:,.2f}".rstrip("0").rstrip(".")


def public_indicators(council: Council) -> list[PublicIndicator]:
    """The indicators the council marks public, each with its approved actuals (oldest first),
    the target in force for each, and a small trend chart of the latest few."""
    indicators = list(
        Indicator.objects.filter(council=council, public=True, disabled_on__isnull=True)
    )
    ids = [i.pk for i in indicators]
    actuals: dict[int, list[Actual]] = {}
    for actual in Actual.objects.filter(
        indicator_id__in=ids, status=Actual.Status.APPROVED
    ).order_by("period"):
        actuals.setdefault(actual.indicator_id, []).append(actual)
    targets: dict[int, list[Target]] = {}
    for target in Target.objects.filter(indicator_id__in=ids).order_by("period"):
        targets.setdefault(target.indicator_id, []).append(target)
    result = []
    for indicator in sorted(indicators, key=lambda i: code_sort_key(i.code)):
        rows = []
        for actual in actuals.get(indicator.pk, []):
            in_force = [t for t in targets.get(indicator.pk, []) if t.period <= actual.period]
            target = in_force[-1].value if in_force else None
            rows.append(
                PublicActual(
                    period=actual.period,
                    label=performance_rules.period_label(actual.period, indicator.frequency),
                    value=actual.value,
                    value_text=performance_rules.format_value(actual.value, indicator.unit),
                    target=target,
                    target_text=performance_rules.format_value(target, indicator.unit)
                    if target is not None
                    else "",
                )
            )
        shown = rows[-TREND_POINTS:]
        chart = sparkline(
            title=f"{indicator.code}: trend",
            points=[int(r.value * 100) for r in shown],
            higher_is_better=indicator.polarity == Indicator.Polarity.HIGHER,
            format_value=_hundredths,
        )
        result.append(PublicIndicator(indicator=indicator, actuals=rows, chart=chart))
    return result


# --- the risk register's summary ----------------------------------------------------------------


@dataclass
class RiskBand:
    name: str
    low: int
    high: int
    count: int


def risk_summary(council: Council, settings: PublicSettings) -> list[RiskBand] | None:
    """How many open risks sit in each residual score band; None unless published. Counts
    only: a risk's words may name an exempt proposal."""
    if not settings.publish_risk_summary:
        return None
    bands = {name: RiskBand(name, low, high, 0) for low, high, name, _ in BANDS}
    unscored = RiskBand("Rated by RAG only (not scored)", 0, 0, 0)
    for score in (
        Risk.objects.filter(council=council).open().values_list("residual_score", flat=True)
    ):
        if score is None:
            unscored.count += 1
        else:
            bands[band(score)[0]].count += 1
    return [*reversed(bands.values()), unscored]


def exempt_unpublished(*, membership) -> QuerySet[Proposal]:
    """The member's council's exempt proposals not yet published, that the member may read
    (for the programme office's "publish now")."""
    return (
        Proposal.objects.visible_to(membership)
        .filter(exempt=True)
        .exclude(exempt_until__lte=timezone.localdate())
        .order_by("reference")
    )


def indicators_in_use(*, membership) -> QuerySet[Indicator]:
    """The member's council's indicators in use, for choosing which to publish."""
    return Indicator.objects.filter(council=membership.council, disabled_on__isnull=True)
