import datetime
from decimal import Decimal

import factory

from sightline.accounts.tests.factories import CouncilFactory
from sightline.performance.models import Actual, Indicator, Target

Q1_13 = datetime.date(2013, 4, 1)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    code = factory.Sequence(lambda n: f"NI {n + 1}")
    title = factory.Sequence(lambda n: f"Indicator {n + 1}")
    unit = Indicator.Unit.PERCENT
    polarity = Indicator.Polarity.HIGHER
    frequency = Indicator.Frequency.QUARTERLY
    amber_tolerance = Decimal("5")


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    period = Q1_13
    value = Decimal("80")


class ActualFactory(factory.django.DjangoModelFactory):
    """An approved actual (approved by ``approved_by``, which the caller gives)."""

    class Meta:
        model = Actual

    indicator = factory.SubFactory(IndicatorFactory)
    period = Q1_13
    value = Decimal("82")
    status = Actual.Status.APPROVED
    approved_at = factory.LazyFunction(
        lambda: datetime.datetime(2013, 7, 20, 10, tzinfo=datetime.UTC)
    )
