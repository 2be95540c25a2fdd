"""Every edit-in-place card has one editor: components/edit_card.html (issue 21, item 3).

Its Cancel asks for the card's read view and swaps only that card, the same on every page;
a page that writes its own Save/Cancel row again would bring back Cancel buttons that
behave differently (one reloaded the whole page, one a whole list of cards)."""

from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
COMPONENT = TEMPLATES / "components" / "edit_card.html"
# Editors that are not a card, named here with why.
OWN_CANCEL = {
    "ambitions/_area_form.html": "the area form replaces the section of the areas",
    "ambitions/_dilemma_form.html": "like the areas', it replaces the section of the dilemmas",
}
CARDS = {
    "sustainability/challenges.html",
    "ambitions/professional/focus_area.html",
    "ambitions/professional/framework.html",
    "ambitions/professional/status.html",
    "ambitions/detail.html",
    "programme/ambition.html",
    "inspiration/case.html",
    "improvement/cycles.html",
}


def _with_cancel() -> set[str]:
    return {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if '{% translate "Cancel" %}' in path.read_text(encoding="utf-8") and path != COMPONENT
    }


def test_no_template_writes_its_own_cancel() -> None:
    assert _with_cancel() == set(OWN_CANCEL)


def test_every_card_uses_the_one_editor() -> None:
    for name in CARDS:
        assert "components/edit_card.html" in (TEMPLATES / name).read_text(encoding="utf-8"), name


def test_cancel_swaps_only_its_card() -> None:
    text = COMPONENT.read_text(encoding="utf-8")
    assert text.count('hx-target="#{{ card }}"') == 2  # Save and Cancel: the card, nothing more
    assert "hx-select" not in text
    assert 'href="{{ page_url }}#{{ card }}"' in text  # without script: the page, at the card
