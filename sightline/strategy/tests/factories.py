import factory

from sightline.accounts.tests.factories import CouncilFactory, DirectorateFactory
from sightline.core.fiscal import FinancialYear
from sightline.strategy.models import (
    CorporatePlan,
    DeliveryPriority,
    DepartmentalPlan,
    EfficiencyProject,
    Priority,
)


class CorporatePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CorporatePlan

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Corporate Plan {n}")
    starts = FinancialYear(2011)
    ends = FinancialYear(2013)
    mission = "The needs of the people will be first in everything we do."


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(CorporatePlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Strategic priority {n + 1}")


class DepartmentalPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartmentalPlan

    plan = factory.SubFactory(CorporatePlanFactory)
    directorate = factory.SubFactory(
        DirectorateFactory, council=factory.SelfAttribute("..plan.council")
    )


class DeliveryPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryPriority

    departmental_plan = factory.SubFactory(DepartmentalPlanFactory)
    text = factory.Sequence(lambda n: f"Delivery priority {n}")


class EfficiencyProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EfficiencyProject

    departmental_plan = factory.SubFactory(DepartmentalPlanFactory)
    title = factory.Sequence(lambda n: f"Efficiency project {n}")
