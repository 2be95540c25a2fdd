"""factory_boy factories for the models the tests build on."""

import factory
from factory.django import DjangoModelFactory

from people.models import User
from specialties.models import Membership, Profession, Site, Specialty

PASSWORD = "test-password-123"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = Site

    name = factory.Sequence(lambda n: f"Testsygehus {n}")
    short_name = factory.Sequence(lambda n: f"Test {n}")
    hospital = "Testsygehuse"


class SpecialtyFactory(DjangoModelFactory):
    class Meta:
        model = Specialty
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"IM: Testspeciale {n}")
    slug = factory.Sequence(lambda n: f"im-testspeciale-{n}")

    @factory.post_generation
    def sites(self, create: bool, extracted: list[Site] | None, **kwargs: object) -> None:
        if create and extracted:
            self.sites.add(*extracted)


def clinical_profession() -> Profession:
    return Profession.objects.get(name="Læge")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    specialty = factory.SubFactory(SpecialtyFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.CORE_TEAM
    profession = factory.LazyFunction(clinical_profession)
