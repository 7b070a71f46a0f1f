"""The records the access matrix asks for, built once per test module.

Council A (Arden) has one member per role and two directorates: X, which its director runs
and where the editor leads a proposal, owns a risk, an indicator and a personal objective,
and Y, where nobody in the matrix leads anything. Council B (Brook) has the same records in
its own directorate X, and one member: its programme office.

Object kinds (the ``kind`` of a cell):
- ``own``: council A's record in directorate X (for a record with no directorate, council
  A's record); the editor leads or owns it where the record has a lead or an owner.
- ``other``: council A's record in directorate Y, led by an officer who has no login.
- ``exempt``: council A's exempt (Schedule 12A) proposal in directorate Y, not led by anyone
  in the matrix.
- ``council_b``: council B's record.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from http.cookies import SimpleCookie
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from sightline.accounts.models import Membership, Role
from sightline.accounts.services import token_create
from sightline.accounts.tests.factories import (
    CouncilFactory,
    DirectorateFactory,
    PersonFactory,
    PortfolioFactory,
    ServiceAreaFactory,
    member,
)
from sightline.core.fiscal import FinancialYear
from sightline.performance.models import Actual
from sightline.performance.tests.factories import IndicatorFactory, TargetFactory
from sightline.plans.tests.factories import (
    ActionFactory,
    PersonalObjectiveFactory,
    QuarterlyUpdateFactory,
    ServicePlanFactory,
    ServicePriorityFactory,
)
from sightline.risks.tests.factories import RiskFactory
from sightline.savings import services as savings_services
from sightline.savings.models import Stage
from sightline.savings.tests.factories import (
    BudgetCodeFactory,
    BundleFactory,
    PeriodFactory,
    ProgrammeYearFactory,
    ProposalFactory,
    SavingLineFactory,
    SavingsTypeFactory,
)
from sightline.strategy.tests.factories import (
    CorporatePlanFactory,
    DeliveryPriorityFactory,
    DepartmentalPlanFactory,
    EfficiencyProjectFactory,
    PriorityFactory,
)

FY = FinancialYear(2013)
OPEN_MONTH = datetime.date(2013, 6, 1)
CLOSED_MONTH = datetime.date(2013, 5, 1)

# Persona -> (council, role, membership extras). The names are the table's words.
PERSONA_ROLES = {
    "programme_office": ("a", Role.PROGRAMME_OFFICE, {}),
    "finance": ("a", Role.FINANCE, {}),
    "director_own": ("a", Role.DIRECTOR, {}),
    "editor_lead": ("a", Role.EDITOR, {}),
    "councillor": ("a", Role.COUNCILLOR, {}),
    "councillor_exempt": ("a", Role.COUNCILLOR, {"exempt_access": True}),
    "viewer": ("a", Role.VIEWER, {}),
    "programme_office_b": ("b", Role.PROGRAMME_OFFICE, {}),
}

SUFFIX = {"own": "_x", "council_b": "_x", "other": "_y", "exempt": "_exempt"}


@dataclass
class World:
    a: SimpleNamespace
    b: SimpleNamespace
    users: dict[str, object]
    sessions: dict[str, str] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)

    def council_of(self, persona: str) -> SimpleNamespace:
        """The records of the persona's own council (council A for the anonymous visitor)."""
        return self.b if persona.endswith("_b") else self.a

    def obj(self, kind: str, key: str):
        """The record of ``kind`` that the object key names, e.g. ("other", "proposal")."""
        ns = self.b if kind == "council_b" else self.a
        for name in (key + SUFFIX[kind], key):
            if hasattr(ns, name):
                return getattr(ns, name)
        raise KeyError(f"No {kind} record for {key!r}: add it to tests/access/world.py")

    def resolve(self, kind: str, spec: str):
        """A URL parameter's value: ``key`` (its pk), ``key:history`` (the id of its latest
        historical record) or ``key:content_type`` (its model's content type id)."""
        key, _, part = spec.partition(":")
        record = self.obj(kind, key)
        if part == "history":
            return record.history.latest("history_id").history_id
        if part == "content_type":
            return ContentType.objects.get_for_model(record).pk
        return record.pk

    def client(self, persona: str) -> Client:
        """The persona's client, holding only their session cookie. One client per persona
        is kept (a new client loads the whole middleware again); its cookies are reset."""
        if persona not in self.clients:
            self.clients[persona] = Client(raise_request_exception=False)
        client = self.clients[persona]
        client.cookies = SimpleCookie()
        if persona != "anonymous":
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[persona]
        return client


def _council(code: str, users: dict) -> SimpleNamespace:
    """One council's records; ``users`` holds the personas who are its members."""
    o = SimpleNamespace()
    o.council = CouncilFactory(name=f"Matrix council {code.upper()}", short_code=f"mx{code}")
    o.directorate_x = DirectorateFactory(council=o.council, name="Directorate X")
    o.directorate_y = DirectorateFactory(council=o.council, name="Directorate Y")
    for persona, (council, role, extra) in PERSONA_ROLES.items():
        if council != code:
            continue
        directorate = o.directorate_x if role == Role.DIRECTOR else None
        user = member(
            o.council, role, username=f"matrix_{persona}", directorate=directorate, **extra
        )
        if role == Role.PROGRAMME_OFFICE:
            user.is_staff = True  # as the demo loader gives the programme office the admin
            user.save(update_fields=["is_staff"])
        users[persona] = user
    po = users[f"programme_office{'_b' if code == 'b' else ''}"]
    officer = PersonFactory(council=o.council, name="Officer without a login")
    # The editor leads the X records; in council B, an officer without a login does.
    lead = users["editor_lead"].person if code == "a" else officer
    o.person_x = lead
    o.finance_person = users["finance"].person if code == "a" else officer
    o.user_x = users["editor_lead"] if code == "a" else po
    o.membership_x = Membership.objects.get(user=o.user_x)
    o.service_area_x = ServiceAreaFactory(directorate=o.directorate_x, name="Area X")
    o.portfolio = PortfolioFactory(council=o.council)

    # Strategy: the corporate plan, a strategic priority, departmental plans.
    o.corporate_plan = CorporatePlanFactory(council=o.council)
    o.strategic_priority = PriorityFactory(plan=o.corporate_plan, number=1)
    o.departmental_plan_x = DepartmentalPlanFactory(
        plan=o.corporate_plan, directorate=o.directorate_x
    )
    o.departmental_plan_y = DepartmentalPlanFactory(
        plan=o.corporate_plan, directorate=o.directorate_y
    )
    o.delivery_priority = DeliveryPriorityFactory(
        departmental_plan=o.departmental_plan_x, priority=o.strategic_priority
    )
    o.efficiency_project = EfficiencyProjectFactory(
        departmental_plan=o.departmental_plan_x, priority=o.strategic_priority
    )

    # Savings: a bundle, budget codes, proposals (live, so forecasts apply), periods.
    o.savings_type = SavingsTypeFactory(council=o.council)
    o.bundle = BundleFactory(council=o.council)
    o.budget_code_x = BudgetCodeFactory(council=o.council, directorate=o.directorate_x)
    o.budget_code_y = BudgetCodeFactory(council=o.council, directorate=o.directorate_y)
    ProgrammeYearFactory(council=o.council, fy=FY)
    common = {"council": o.council, "savings_type": o.savings_type, "stage": Stage.LIVE}
    o.proposal_x = ProposalFactory(
        **common,
        directorate=o.directorate_x,
        bundle=o.bundle,
        lead_officer=lead,
        priority=o.strategic_priority,
    )
    o.proposal_y = ProposalFactory(**common, directorate=o.directorate_y, lead_officer=officer)
    o.proposal_exempt = ProposalFactory(
        **common,
        directorate=o.directorate_y,
        lead_officer=officer,
        exempt=True,
        exempt_paragraphs="1, 4",
        title="An exempt proposal",
    )
    for proposal, code_ in (
        (o.proposal_x, o.budget_code_x),
        (o.proposal_y, o.budget_code_y),
        (o.proposal_exempt, o.budget_code_y),
    ):
        SavingLineFactory(proposal=proposal, fy=FY, budget_code=code_)
        proposal.budget_codes.add(code_)
    o.period_x = PeriodFactory(council=o.council, month=OPEN_MONTH)
    o.period_closed = PeriodFactory(council=o.council, month=CLOSED_MONTH)
    o.period_closed = savings_services.period_close(period=o.period_closed, by=po)

    # Performance: an indicator per directorate's plan, each with a draft actual.
    o.indicator_x = IndicatorFactory(council=o.council, owner=lead)
    o.indicator_y = IndicatorFactory(council=o.council, owner=officer)
    for indicator, plan in (
        (o.indicator_x, o.departmental_plan_x),
        (o.indicator_y, o.departmental_plan_y),
    ):
        indicator.departmental_plans.add(plan)
        indicator.priorities.add(o.strategic_priority)
        TargetFactory(indicator=indicator)
    # Drafts awaiting approval, recorded by nobody in the matrix (so any approver may approve).
    o.actual_x = Actual.objects.create(
        indicator=o.indicator_x, period=datetime.date(2013, 7, 1), value=Decimal("70")
    )
    o.actual_y = Actual.objects.create(
        indicator=o.indicator_y, period=datetime.date(2013, 7, 1), value=Decimal("70")
    )

    # Service plans: one per directorate, each with a priority, an action, an update and a
    # personal objective (the editor's own in X; a colleague's without a login in Y).
    for suffix, directorate, person in (
        ("_x", o.directorate_x, lead),
        ("_y", o.directorate_y, officer),
    ):
        plan = ServicePlanFactory(directorate=directorate, council=o.council, fy=FY)
        priority = ServicePriorityFactory(
            plan=plan, number=1, strategic_priority=o.strategic_priority
        )
        action = ActionFactory(priority=priority)
        setattr(o, "service_plan" + suffix, plan)
        setattr(o, "service_priority" + suffix, priority)
        setattr(o, "action" + suffix, action)
        setattr(o, "quarterly_update" + suffix, QuarterlyUpdateFactory(action=action))
        setattr(
            o,
            "personal_objective" + suffix,
            PersonalObjectiveFactory(
                action=action,
                person=person,
                starts_on=datetime.date(2013, 4, 1),
                review_on=datetime.date(2013, 10, 1),
            ),
        )

    # Risks: the editor owns X's; Y's has no owner.
    o.risk_x = RiskFactory(
        council=o.council,
        number=1,
        directorate=o.directorate_x,
        owner=lead,
        priority=o.strategic_priority,
    )
    o.risk_y = RiskFactory(council=o.council, number=2, directorate=o.directorate_y)

    # API tokens: "own" is the editor's (council B: its programme office's), "other" the
    # viewer's.
    o.api_token_x, _ = token_create(user=o.user_x, name="Matrix token")
    if code == "a":
        o.api_token_y, _ = token_create(user=users["viewer"], name="Viewer's token")
    o.group = Group.objects.get_or_create(name="Matrix group")[0]
    return o


def build_world() -> World:
    users: dict[str, object] = {}
    world = World(a=_council("a", users), b=_council("b", users), users=users)
    # Each area's rows module may add the records its rows need: ``build(o, users)`` is called
    # for each council's namespace ``o`` (set ``o.<key>_x``, ``o.<key>_y`` or ``o.<key>``).
    from tests.access.rows import finance, impact, imports, monitoring, setup
    from tests.access.rows import public as public_rows
    from tests.access.rows import scrutiny as scrutiny_rows
    from tests.access.rows import simulator as simulator_rows

    for area in (
        setup,
        imports,
        monitoring,
        finance,
        impact,
        public_rows,
        simulator_rows,
        scrutiny_rows,
    ):
        if hasattr(area, "build"):
            for o in (world.a, world.b):
                area.build(o, users)
    for persona, user in users.items():
        client = Client()
        client.force_login(user)
        world.sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return world
