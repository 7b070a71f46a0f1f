import factory

from sightline.accounts.tests.factories import CouncilFactory
from sightline.risks.models import Risk


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    council = factory.SubFactory(CouncilFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Risk {n}")
    initial_score = 9
    residual_score = 6
    controls = "Monthly budget monitoring procedures."
