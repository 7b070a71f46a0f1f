"""One record of every model the admin shows, for one council, each naming the council's tag.

The admin scoping tests build these for council A (tag "Arden") and council B (tag "Brook"),
then check that one council's programme office never meets the other's tag. A model newly
registered in the admin needs a record here; the tests say so when one is missing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms import modelform_factory

from sightline.accounts.models import (
    ApiToken,
    Council,
    Directorate,
    Membership,
    Person,
    Portfolio,
    Role,
    ServiceArea,
)
from sightline.accounts.tests.factories import (
    DirectorateFactory,
    PersonFactory,
    PortfolioFactory,
    ServiceAreaFactory,
    member,
)
from sightline.performance.models import Indicator
from sightline.performance.tests.factories import IndicatorFactory
from sightline.plans.models import Action, PersonalObjective, QuarterlyUpdate, ServicePlan
from sightline.plans.tests.factories import (
    ActionFactory,
    PersonalObjectiveFactory,
    QuarterlyUpdateFactory,
    ServicePlanFactory,
    ServicePriorityFactory,
)
from sightline.strategy.models import (
    CorporatePlan,
    DeliveryPriority,
    DepartmentalPlan,
    EfficiencyProject,
    Priority,
)
from sightline.strategy.tests.factories import (
    CorporatePlanFactory,
    DeliveryPriorityFactory,
    DepartmentalPlanFactory,
    EfficiencyProjectFactory,
    PriorityFactory,
)


class CouncilRecords(dict):
    """``{model: record}`` for one council, with its tag and its logins."""

    def __init__(self, council, tag, login, records):
        super().__init__(records)
        self.council = council
        self.tag = tag
        self.login = login

    def ids_of(self, model) -> set:
        """The ids of this council's records of ``model`` (its logins, for the user model)."""
        if model is Council:
            return {self.council.pk}
        if model not in COUNCIL_OF:
            raise AssertionError(
                f"Say in admin_records.COUNCIL_OF how a {model} reaches its council"
            )
        records = model._default_manager.filter(**{COUNCIL_OF[model]: self.council})
        return set(records.values_list("pk", flat=True))


# How each model reaches its council, written out by hand so that the tests do not take the
# admin's own answer (``council_path_of``) on trust.
COUNCIL_OF = {
    get_user_model(): "membership__council",
    Person: "council",
    Directorate: "council",
    ServiceArea: "directorate__council",
    Portfolio: "council",
    Membership: "council",
    CorporatePlan: "council",
    Priority: "plan__council",
    DepartmentalPlan: "plan__council",
    DeliveryPriority: "departmental_plan__plan__council",
    EfficiencyProject: "departmental_plan__plan__council",
    Indicator: "council",
    ServicePlan: "council",
    Action: "priority__plan__council",
    QuarterlyUpdate: "action__priority__plan__council",
    PersonalObjective: "person__council",
    ApiToken: "user__membership__council",
}


def council_records(council, tag: str) -> CouncilRecords:
    """A record of every admin-registered model for ``council``, each naming ``tag``, and each
    saved twice so that its history has two versions."""
    login = member(council, Role.VIEWER, username=f"{tag.lower()}_login")
    officer = PersonFactory(council=council, name=f"{tag} officer", job_title=f"{tag} lead")
    councillor = PersonFactory(
        council=council, name=f"Cllr {tag}", kind=Person.Kind.COUNCILLOR, job_title=""
    )
    directorate = DirectorateFactory(council=council, name=f"{tag} directorate", director=officer)
    plan = CorporatePlanFactory(council=council, title=f"{tag} corporate plan")
    priority = PriorityFactory(plan=plan, title=f"{tag} strategic priority", lead=officer)
    departmental_plan = DepartmentalPlanFactory(
        plan=plan, directorate=directorate, cross_cutting=f"{tag} cross-cutting strategy"
    )
    indicator = IndicatorFactory(council=council, title=f"{tag} indicator", owner=officer)
    indicator.priorities.add(priority)
    indicator.departmental_plans.add(departmental_plan)
    service_plan = ServicePlanFactory(directorate=directorate, title=f"{tag} service plan")
    action = ActionFactory(
        priority=ServicePriorityFactory(
            plan=service_plan, title=f"{tag} service priority", strategic_priority=priority
        ),
        description=f"{tag} action",
    )
    records = {
        Council: council,
        Person: officer,
        Directorate: directorate,
        ServiceArea: ServiceAreaFactory(directorate=directorate, name=f"{tag} service area"),
        Portfolio: PortfolioFactory(
            council=council, name=f"{tag} portfolio", lead_member=councillor
        ),
        Membership: login.membership,
        CorporatePlan: plan,
        Priority: priority,
        DepartmentalPlan: departmental_plan,
        DeliveryPriority: DeliveryPriorityFactory(
            departmental_plan=departmental_plan,
            priority=priority,
            text=f"{tag} delivery priority",
        ),
        EfficiencyProject: EfficiencyProjectFactory(
            departmental_plan=departmental_plan,
            priority=priority,
            title=f"{tag} efficiency project",
        ),
        Indicator: indicator,
        ServicePlan: service_plan,
        Action: action,
        QuarterlyUpdate: QuarterlyUpdateFactory(action=action, narrative=f"{tag} update"),
        PersonalObjective: PersonalObjectiveFactory(
            action=action, person=officer, title=f"{tag} objective", reviewed_by=login
        ),
        ApiToken: ApiToken.objects.create(
            user=login, name=f"{tag} token", prefix=tag[:4], token_hash=ApiToken.hash(tag)
        ),
        get_user_model(): login,
        Group: Group.objects.get_or_create(name=f"{tag} group")[0],
    }
    for record in records.values():
        if hasattr(record, "history"):
            record.save()  # a second version, so the history pages show a change
    return CouncilRecords(council, tag, login, records)


def form_data(model, instance, form_class=None) -> dict:
    """What a browser would post to save ``instance`` unchanged through ``form_class`` (by
    default a form of every editable field of ``model``)."""
    form = (form_class or modelform_factory(model, fields="__all__"))(instance=instance)
    data = {}
    for bound in form:
        name, value = bound.name, bound.value()
        if value is None or value is False:
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else str(value)
    return data
