import factory
from django.contrib.auth import get_user_model

from sightline.accounts.models import (
    Council,
    Directorate,
    Membership,
    Person,
    Portfolio,
    Role,
    ServiceArea,
)

PASSWORD = "correct-horse-battery-staple"


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name = factory.Sequence(lambda n: f"Council {n}")
    short_code = factory.Sequence(lambda n: f"c{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Officer {n}")
    job_title = "Officer"


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Directorate {n}")


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea

    directorate = factory.SubFactory(DirectorateFactory)
    name = factory.Sequence(lambda n: f"Service area {n}")


class PortfolioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Portfolio

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Portfolio {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def member(council, role=Role.VIEWER, *, username=None, directorate=None, **extra):
    """A user with a membership of ``council`` in ``role`` (a director gets a directorate)."""
    user = UserFactory(**({"username": username} if username else {}))
    if role == Role.DIRECTOR and directorate is None:
        directorate = DirectorateFactory(council=council)
    Membership.objects.create(
        user=user, council=council, role=role, directorate=directorate, **extra
    )
    PersonFactory(council=council, name=user.get_full_name(), user=user)
    return user
