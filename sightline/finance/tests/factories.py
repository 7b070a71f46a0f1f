import datetime

import factory

from sightline.accounts.tests.factories import CouncilFactory
from sightline.core.fiscal import FinancialYear
from sightline.finance.models import (
    Assumption,
    BudgetFigure,
    BudgetLine,
    BudgetNote,
    Category,
    FinancialPlan,
    LineKind,
    Milestone,
    Scenario,
)

FY13 = FinancialYear(2013)


class FinancialPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancialPlan

    council = factory.SubFactory(CouncilFactory)
    title = "Medium Term Financial Plan"
    first_fy = FY13
    last_fy = FinancialYear(2015)
    base_budget_pence = 17_000_000_000


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    council = factory.SubFactory(CouncilFactory)
    kind = LineKind.SERVICE
    name = factory.Sequence(lambda n: f"Service {n}")


class BudgetFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetFigure

    line = factory.SubFactory(BudgetLineFactory)
    fy = FY13
    budget_pence = 100_000_000


class BudgetNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetNote

    council = factory.SubFactory(CouncilFactory)
    text = "A note on the plan."


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Scenario {n}")


class AssumptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assumption

    scenario = factory.SubFactory(ScenarioFactory)
    category = Category.RSG
    fy = FY13
    amount_pence = 6_000_000_000


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    council = factory.SubFactory(CouncilFactory)
    fy = FY13
    name = factory.Sequence(lambda n: f"Milestone {n}")
    starts_on = datetime.date(2013, 6, 1)
    due_on = datetime.date(2013, 6, 30)
