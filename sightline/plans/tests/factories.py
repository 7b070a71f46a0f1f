import datetime

import factory

from sightline.accounts.tests.factories import DirectorateFactory, PersonFactory
from sightline.core.fiscal import FinancialYear
from sightline.plans.models import (
    Action,
    ObjectiveImpact,
    PersonalObjective,
    QuarterlyUpdate,
    ServicePlan,
    ServicePriority,
    UpdateStatus,
)


class ServicePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePlan

    directorate = factory.SubFactory(DirectorateFactory)
    council = factory.SelfAttribute("directorate.council")
    fy = FinancialYear(2010)
    title = factory.LazyAttribute(lambda p: f"{p.directorate.name} Service Plan {p.fy}")


class ServicePriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePriority

    plan = factory.SubFactory(ServicePlanFactory)
    number = factory.Sequence(lambda n: n % 6 + 1)
    title = factory.Sequence(lambda n: f"Service priority {n}")
    why = "It is a must do."


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    priority = factory.SubFactory(ServicePriorityFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    resources = "Use of existing resources."
    deadline = "March 2011"
    deadline_on = datetime.date(2011, 3, 31)
    outcome = "A measurable outcome."
    order = factory.Sequence(lambda n: n + 1)


class QuarterlyUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterlyUpdate

    action = factory.SubFactory(ActionFactory)
    fy = factory.SelfAttribute("action.priority.plan.fy")
    quarter = 1
    status = UpdateStatus.IN_PROGRESS
    narrative = "Work is on-going."


class ObjectiveImpactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ObjectiveImpact

    impact = "positive"


class PersonalObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonalObjective

    action = factory.SubFactory(ActionFactory)
    person = factory.SubFactory(
        PersonFactory, council=factory.SelfAttribute("..action.priority.plan.council")
    )
    title = "Deliver the action on time."
    starts_on = datetime.date(2010, 4, 1)
    review_on = datetime.date(2010, 10, 1)
