"""Reads for the committee papers, from the selectors the pages use, scoped to what the reader
may see (and, for a public edition, to what anyone may see: no exempt proposal at all)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils import timezone

from sightline.accounts.models import Directorate, Membership
from sightline.core.fiscal import FinancialYear
from sightline.core.money import format_thousands_column
from sightline.papers.paper import NOT_FOR_PUBLICATION
from sightline.savings import selectors as savings
from sightline.savings.models import Period, Proposal, SavingLine


def proposals_for(*, membership: Membership, public: bool):
    """The proposals the paper may show: those the reader may see; none exempt in public."""
    qs = savings.proposal_list(membership=membership)
    return qs.filter(exempt=False) if public else qs


# --- the Executive report ----------------------------------------------------------------------


@dataclass
class ReportLine:
    reference: str
    title: str
    amount: int
    exempt_paragraphs: str = ""
    text: str = ""


@dataclass
class ExecutiveReport:
    fy: FinancialYear
    title: str
    lines: list[ReportLine]
    profile: list[tuple[FinancialYear, int]]
    meeting: str = ""
    meeting_on: datetime.date | None = None
    report_of: str = ""
    author: str = ""
    lead_members: str = ""
    consulted: str = ""
    background: list[str] = field(default_factory=list)
    budget: int = 0
    goals: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    consultations: list[str] = field(default_factory=list)
    appendices: list[str] = field(default_factory=list)
    implications: list[list[str]] = field(default_factory=list)
    dated: datetime.date | None = None

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def profile_total(self) -> int:
        return sum(amount for _, amount in self.profile)

    @property
    def has_exempt(self) -> bool:
        return any(line.exempt_paragraphs for line in self.lines)


def directorate_get(*, membership: Membership, pk: int) -> Directorate:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(Directorate.objects.filter(council=membership.council), pk=pk)


def executive_years(*, membership: Membership, directorate: Directorate) -> list[FinancialYear]:
    """The years the directorate's proposals (those the reader may see) save in."""
    return sorted(
        set(
            SavingLine.objects.filter(
                proposal__in=proposals_for(membership=membership, public=False).filter(
                    directorate=directorate
                )
            ).values_list("fy", flat=True)
        )
    )


def executive_report(
    *, membership: Membership, directorate: Directorate, fy: FinancialYear | None, public: bool
) -> ExecutiveReport:
    """The directorate's budget reductions in ``fy`` (else its first year of savings): each
    proposal still in the programme with a saving that year, its profile over every year,
    and the report's header, consultations and implications from the impact records."""
    from sightline.impact import selectors as impact
    from sightline.strategy.models import DeliveryPriority

    proposals = list(
        proposals_for(membership=membership, public=public)
        .active()
        .filter(directorate=directorate)
        .select_related("lead_officer", "lead_member", "portfolio__lead_member")
        .prefetch_related("budget_codes", "risks")
        .order_by("reference")
    )
    by_year: dict[FinancialYear, int] = defaultdict(int)
    amounts: dict[tuple[int, FinancialYear], int] = defaultdict(int)
    for row in (
        SavingLine.objects.filter(proposal__in=proposals)
        .values("proposal_id", "fy")
        .annotate(total=Sum("amount_pence"))
        .order_by()
    ):
        by_year[row["fy"]] += row["total"]
        amounts[(row["proposal_id"], row["fy"])] += row["total"]
    if fy is None:
        fy = min(by_year) if by_year else FinancialYear.current()
    chosen = [p for p in proposals if amounts.get((p.pk, fy))]
    lines = [
        ReportLine(
            reference=p.reference,
            title=p.title,
            amount=amounts[(p.pk, fy)],
            exempt_paragraphs=p.exempt_paragraphs if p.exempt else "",
            text=p.proposal,
        )
        for p in chosen
    ]
    data = ExecutiveReport(
        fy=fy,
        title=f"{directorate.name}: Budget Reductions {fy}",
        lines=lines,
        profile=sorted(by_year.items()),
    )
    records = [impact.implications_detail(proposal=p) for p in chosen]
    with_record = next((r for r in records if r["record"] is not None), None)
    if with_record:
        record = with_record["record"]
        data.title = record.report_title or data.title
        data.meeting = record.meeting
        data.implications = [
            [
                i.area.name,
                i.text,
                _clearance(i),
            ]
            for i in with_record["implications"]
        ]
    decided = [p.decision_on for p in chosen if p.decision_on]
    data.meeting_on = max(decided) if decided else None
    officers = list(dict.fromkeys(p.lead_officer.name for p in chosen if p.lead_officer))
    data.report_of = ", ".join(officers)
    data.author = data.report_of
    data.lead_members = " and ".join(lead_members(directorate=directorate, proposals=chosen))
    consultations = [c for p in chosen for c in impact.consultations(proposal=p)]
    seen = set()
    for c in consultations:
        key = (c.audience, c.who, c.outcome)
        if key in seen:
            continue
        seen.add(key)
        data.consultations.append(f"{c.who}: {c.outcome}" if c.outcome else c.who)
    data.consulted = ", ".join(dict.fromkeys(c.get_audience_display() for c in consultations))
    data.background = list(dict.fromkeys(p.background for p in chosen if p.background))
    codes = {code.pk for p in chosen for code in p.budget_codes.all()}
    data.budget = sum(budget for _, budget in current_budgets(codes).values())
    data.goals = list(
        DeliveryPriority.objects.filter(
            departmental_plan__directorate=directorate,
            departmental_plan__plan__council=membership.council,
        )
        .order_by("departmental_plan", "order", "id")
        .values_list("text", flat=True)[:12]
    )
    for p in chosen:
        for risk in p.risks.all():
            words = risk.description
            if risk.mitigation:
                words += f" Mitigation: {risk.mitigation}"
            data.risks.append(f"{p.reference}: {words}")
    data.appendices = [
        f"Appendix {chr(ord('A') + i)}: savings proposal form, {p.reference} {p.title}"
        for i, p in enumerate(chosen[:26])
    ]
    stamps = [p.modified_at.date() for p in chosen if getattr(p, "modified_at", None) is not None]
    data.dated = data.meeting_on or (max(stamps) if stamps else None)
    return data


def lead_members(*, directorate: Directorate, proposals: list[Proposal]) -> list[str]:
    """The lead members an Executive report names, as committee papers style them ("Cllr
    Simmons"): each saving's lead member and its portfolio's holder, then the holders of the
    directorate's own portfolios, each once."""
    from sightline.accounts.models import Portfolio

    people = [p.lead_member for p in proposals if p.lead_member]
    people += [p.portfolio.lead_member for p in proposals if p.portfolio_id]
    people += [
        portfolio.lead_member
        for portfolio in Portfolio.objects.filter(
            directorate=directorate, disabled_on__isnull=True, lead_member__isnull=False
        )
        .select_related("lead_member")
        .order_by("name", "pk")
    ]
    unique = {person.pk: person for person in people if person is not None}.values()
    return list(dict.fromkeys(councillor_name(person.name) for person in unique))


def councillor_name(name: str) -> str:
    """A councillor as a committee paper names them: "Cllr Hazel Simmons" is "Cllr Simmons"."""
    words = name.split()
    if len(words) > 2 and words[0].rstrip(".").lower() in ("cllr", "councillor"):
        return f"Cllr {words[-1]}"
    return name


def current_budgets(code_ids) -> dict[int, tuple[FinancialYear | None, int]]:
    """Each budget code's current budget, with the year it is for."""
    from sightline.savings.models import BudgetCode

    return {
        code.pk: (code.budget_fy, code.current_budget_pence or 0)
        for code in BudgetCode.objects.filter(pk__in=code_ids)
    }


def _clearance(implication) -> str:
    if not implication.officer:
        return ""
    who = implication.officer.name
    if implication.officer_role and implication.officer_role != who:
        who += f", {implication.officer_role}"
    if implication.cleared_on:
        note = implication.clearance_note or "Agreed"
        return f"{note}: {who}, {implication.cleared_on:%-d %B %Y}"
    return f"{who}: not yet cleared"


# --- the savings proposal form -----------------------------------------------------------------


def proposal_form(*, proposal: Proposal) -> dict:
    from sightline.impact import selectors as impact

    lines = list(SavingLine.objects.filter(proposal=proposal))
    by_year: dict[FinancialYear, int] = defaultdict(int)
    for line in lines:
        by_year[line.fy] += line.amount_pence
    years = sorted(by_year)
    budgets = current_budgets({c.pk for c in proposal.budget_codes.all()})
    budget = sum(amount for _, amount in budgets.values())
    budget_years = sorted({fy for fy, _ in budgets.values() if fy})
    posts = impact.posts(proposal=proposal)
    totals = impact.post_totals(posts) if posts else None
    detail = impact.screening_detail(proposal=proposal)
    lead_officer = proposal.lead_officer
    member = proposal.lead_member
    return {
        "years": [str(y) for y in years],
        "by_year": {str(y): _thousands(-a) for y, a in by_year.items()},
        "total": _thousands(-sum(by_year.values())),
        "budget_words": (
            f"{budget_years[0]}: {_thousands(budget)}"
            if budget_years
            else (_thousands(budget) if budgets else "not recorded")
        ),
        "lead_officer": _person(lead_officer),
        "lead_member": ", ".join(
            t for t in (member.name if member else "", str(proposal.portfolio or "")) if t
        ),
        "decision": proposal.get_decision_status_display()
        + (f", {proposal.decision_on:%-d %B %Y}" if proposal.decision_on else ""),
        "posts": [
            [p.role, str(p.posts), _fte(p.fte), str(p.filled), str(p.vacancies_held)] for p in posts
        ],
        "posts_total": (
            [
                "Total",
                str(totals.posts),
                _fte(totals.fte),
                str(totals.filled),
                str(totals.vacancies_held),
            ]
            if totals
            else None
        ),
        "risks": [[r.description, r.mitigation] for r in proposal.risks.all()],
        "screening": [
            [a.question, {"yes": "Yes", "no": "No"}.get(a.answer, ""), a.summary]
            for a in detail["answers"]
        ]
        if detail["screening"]
        else [],
        "outcome": detail["outcome"].words if detail["outcome"] else "",
        "dated": proposal.modified_at.date() if getattr(proposal, "modified_at", None) else None,
    }


def _fte(value) -> str:
    return f"{value.normalize():f}"


def _person(person) -> str:
    if person is None:
        return ""
    title = getattr(person, "job_title", "") or getattr(person, "post", "")
    return f"{person.name}, {title}" if title and title != person.name else person.name


def _thousands(pence: int) -> str:
    return format_thousands_column(pence)


# --- the monitoring report --------------------------------------------------------------------


@dataclass
class Monitoring:
    report: dict
    dated: datetime.date
    paragraphs: dict[int, str]
    rag_counts: list[tuple[str, int]]
    rag_values: dict[str, int]
    chart: str
    chart_words: str
    previous: Period | None
    moved: list[dict]
    scrutiny: list | None

    @property
    def has_exempt(self) -> bool:
        return any(r["exempt"] for r in self.report["rows"])


RAG_ORDER = ("blue", "green", "amber", "red")


def monitoring(*, membership: Membership, period: Period, public: bool) -> Monitoring:
    """The month's report as the reader may see it (the stored report of a closed month),
    without exempt rows at all in a public edition."""
    from sightline.core.charts import rag_bar
    from sightline.core.money import format_m

    report = period.report if period.is_closed else savings.monitoring_report(period=period)
    report = savings.visible_report(report, membership=membership)
    if public:
        rows = [r for r in report["rows"] if not r["exempt"]]
        report = {**report, "rows": rows, **savings.report_totals(rows)}
        report.pop("hidden_exempt_rows", None)
    exempt_ids = {r["proposal_id"] for r in report["rows"] if r["exempt"]}
    paragraphs = dict(
        Proposal.objects.filter(pk__in=exempt_ids).values_list("pk", "exempt_paragraphs")
    )
    fy = report["financial_year"]
    counts: dict[str, int] = defaultdict(int)
    values: dict[str, int] = defaultdict(int)
    for r in report["rows"]:
        if r["fy"] == fy:
            counts[r["rag"]] += 1
            values[r["rag"]] += r["forecast_pence"]
    ordered = [(rag, counts[rag]) for rag in RAG_ORDER if rag in counts]
    ordered += [(rag, n) for rag, n in counts.items() if rag not in RAG_ORDER]
    labels = {"blue": "Blue", "green": "Green", "amber": "Amber", "red": "Red"}
    chart = (
        str(
            rag_bar(
                title=f"Delivery confidence {fy}, {period}",
                counts={labels.get(k, k): v for k, v in counts.items()},
                values={labels.get(k, k): v for k, v in values.items()},
                format_value=format_m,
            )
        )
        if counts
        else ""
    )
    chart_words = (
        f"Delivery confidence {fy}, {period}: "
        + "; ".join(f"{labels.get(k, k)} {n} saving{'s' if n != 1 else ''}, "
                    f"{format_m(values[k])}" for k, n in ordered)
        + "."
        if counts
        else ""
    )  # fmt: skip
    previous = None
    moved: list[dict] = []
    if period.is_closed:
        previous = (
            Period.objects.filter(
                council=period.council, status=Period.Status.CLOSED, month__lt=period.month
            )
            .order_by("-month")
            .first()
        )
        if previous is not None:
            moved = savings.what_moved(earlier=previous, later=period, membership=membership)
            if public:
                moved = [m for m in moved if not m["exempt"]]
    if period.is_closed:
        dated = timezone.localtime(period.closed_at).date()
    else:
        dated = timezone.localdate()
    return Monitoring(
        report=report,
        dated=dated,
        paragraphs=paragraphs,
        rag_counts=ordered,
        rag_values=dict(values),
        chart=chart,
        chart_words=chart_words,
        previous=previous,
        moved=moved,
        scrutiny=_scrutiny(membership=membership, period=period, public=public),
    )


def _scrutiny(*, membership: Membership, period: Period, public: bool) -> list | None:
    """The scrutiny section's blocks, when the scrutiny app records questions, call-ins and
    RAG changes (None when it is not installed)."""
    try:
        from sightline.scrutiny.selectors import scrutiny_for_report
    except ImportError:
        return None
    from sightline.papers.paper import Bullets, Heading, Para

    found = scrutiny_for_report(council=membership.council, period=period)
    blocks: list = []
    for label, items in (
        ("Questions", getattr(found, "questions", [])),
        ("Call-ins", getattr(found, "call_ins", [])),
        ("RAG and risk changes", getattr(found, "rag_changes", [])),
    ):
        blocks.append(Heading(label, 3))
        words = [_scrutiny_words(item) for item in items]
        if public:
            words = [w for item, w in zip(items, words, strict=True) if not _is_exempt(item)]
        blocks.append(Bullets(words) if words else Para("None."))
    return blocks


def _is_exempt(item) -> bool:
    if isinstance(item, dict):
        return bool(item.get("exempt"))
    return bool(getattr(item, "exempt", False))


def _scrutiny_words(item) -> str:
    """A question, call-in or RAG change in words, whatever its shape."""
    get = (
        item.get
        if isinstance(item, dict)
        else lambda name, default="": getattr(item, name, default)
    )
    record = " ".join(t for t in (get("subject", ""), get("record", "")) if t)
    if get("question", ""):
        words = (
            f"{record}: {get('question')} (asked by {get('asked_by', '')}, {get('asked_on', '')})."
        )
        answer = get("answer", "")
        words += (
            f" Answer: {answer} ({get('answered_by', '')}, {get('answered_on', '')})."
            if answer
            else " Not yet answered."
        )
    elif get("grounds", ""):
        words = (
            f"{record} called in by {get('called_in_by', '')} on {get('called_in_on', '')}: "
            f"{get('grounds')}."
        )
        response = get("response", "")
        words += (
            f" Response: {response} ({get('responded_by', '')}, {get('responded_on', '')})."
            if response
            else " Not yet answered."
        )
    elif get("before", ""):
        year = f" {get('year')}" if get("year", "") else ""
        words = (
            f"{record}{year}: {get('before')} to {get('after', '')} "
            f"({get('direction_label', '') or get('direction', '')})."
        )
        if get("reason", ""):
            words += f" Reason: {get('reason')}"
    else:
        words = str(item)
    if _is_exempt(item):
        words = f"{NOT_FOR_PUBLICATION}: {words}"
    return words.replace(" ()", "").replace(", )", ")")
