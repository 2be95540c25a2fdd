"""One breadcrumb, the same start everywhere (issue 30, item 11): a specialty's pages begin
at "Specialer > <the specialty>", and every crumb is a list item of one component."""

import re

import pytest
from django.urls import reverse

from tests.conftest import Cast


def _crumbs(page: str) -> list[str]:
    nav = re.search(r'<nav aria-label="Du er her" class="breadcrumb">(.*?)</nav>', page, re.S)
    assert nav is not None
    return [
        re.sub(r"<[^>]+>", "", li).strip()
        for li in re.findall(r"<li[^>]*>(.*?)</li>", nav[1], re.S)
    ]


@pytest.mark.parametrize(
    ("name", "last"),
    [
        ("ambitions:detail", "Strategisk ambition"),
        ("sustainability:challenges", "Udfordringer"),
    ],
)
def test_a_specialtys_pages_begin_at_the_specialties(cast: Cast, name: str, last: str) -> None:
    page = cast.client_for(cast.owner).get(reverse(name, args=[cast.specialty.slug]))
    crumbs = _crumbs(page.content.decode())
    assert crumbs == ["Specialer", cast.specialty.name, last]


def test_the_specialty_page_itself(cast: Cast) -> None:
    page = cast.client_for(cast.owner).get(cast.specialty.get_absolute_url())
    assert _crumbs(page.content.decode()) == ["Specialer", cast.specialty.name]


def test_the_library_begins_at_the_library(cast: Cast) -> None:
    page = cast.client_for(cast.owner).get(reverse("inspiration:task_shifts"))
    assert _crumbs(page.content.decode())[0] == "Inspirationskatalog"
