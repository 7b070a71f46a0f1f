import factory

from sightline.accounts.tests.factories import CouncilFactory, DirectorateFactory, PersonFactory
from sightline.core.fiscal import FinancialYear
from sightline.savings.models import (
    BudgetCode,
    Bundle,
    BundleTarget,
    Period,
    ProgrammeYear,
    Proposal,
    SavingLine,
    SavingsType,
)


class SavingsTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavingsType
        django_get_or_create = ("council", "name")

    council = factory.SubFactory(CouncilFactory)
    name = "Efficiency"


class BundleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bundle

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Bundle {n}")


class BundleTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BundleTarget

    bundle = factory.SubFactory(BundleFactory)
    fy = FinancialYear(2013)
    target_pence = 100_000_000


class ProgrammeYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeYear

    council = factory.SubFactory(CouncilFactory)
    fy = FinancialYear(2013)
    target_pence = 1_800_000_000
    team_cost_pence = 0


class BudgetCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetCode

    council = factory.SubFactory(CouncilFactory)
    code = factory.Sequence(lambda n: f"BC{n:04d}")
    name = "Cost centre"
    current_budget_pence = 100_000_000


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    council = factory.SubFactory(CouncilFactory)
    reference = factory.Sequence(lambda n: f"SAV {n:03d}")
    title = factory.Sequence(lambda n: f"Proposal {n}")
    savings_type = factory.SubFactory(
        SavingsTypeFactory, council=factory.SelfAttribute("..council")
    )
    directorate = factory.SubFactory(DirectorateFactory, council=factory.SelfAttribute("..council"))


class SavingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavingLine

    proposal = factory.SubFactory(ProposalFactory)
    fy = FinancialYear(2013)
    amount_pence = 10_000_000


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period

    council = factory.SubFactory(CouncilFactory)
    month = factory.Sequence(lambda n: __import__("datetime").date(2013, 4 + n % 9, 1))
    fy = factory.LazyAttribute(lambda p: FinancialYear.of(p.month))


def ready_for_initiation(proposal, council=None):
    """Give a proposal everything the initiation gate asks for."""
    council = council or proposal.council
    proposal.sponsor = PersonFactory(council=council, name="Sponsor")
    proposal.project_manager = PersonFactory(council=council, name="Project manager")
    proposal.finance_lead = PersonFactory(council=council, name="Finance lead")
    proposal.save()
    proposal.budget_codes.add(BudgetCodeFactory(council=council))
    return proposal
