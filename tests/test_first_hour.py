"""Issue #10, a real user's first hour: what the pages say and refuse, tested through HTTP.
What the browser does (focus, the leave-page guard, widths) is in tests/browser/."""

import datetime
import re

import pytest
from django import forms as django_forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.text import format_lazy

from ambitions.models import StrategicAmbition
from ambitions.professional.forms import actions as action_forms
from ambitions.professional.forms import frameworks as framework_forms
from ambitions.strategic import forms as strategic_forms
from ambitions.strategic import services
from ambitions.strategic.forms import ConditionForm
from bass.forms import DanishDateField
from sustainability.models import Challenge
from tests.ambitions.strategic.conftest import empty_conditions, fill, start, submitted, url
from tests.conftest import Cast
from tests.sustainability.test_challenges import _data

HTMX = {"HX-Request": "true"}

pytestmark = pytest.mark.django_db


# -- 2. Feedback ---------------------------------------------------------------------------


def test_a_refused_submit_is_a_styled_error_next_to_the_submit_button(cast: Cast) -> None:
    start(cast)
    page = cast.client_for(cast.owner).post(url(cast, "submit"), follow=True).text
    statusbar = page[page.index('class="statusbar"') :]
    statusbar = statusbar[: statusbar.index('class="part"')]
    assert 'class="message message--error"' in statusbar
    assert "Ambitionen kan ikke indsendes endnu" in statusbar
    assert "Ikke udført:" in statusbar
    top = page[page.index('<div class="messages"') : page.index('class="breadcrumb"')]
    assert "Ambitionen kan ikke indsendes endnu" not in top  # not twice
    assert 'id="live-status" class="visually-hidden" role="status"' in page


def test_a_success_is_a_styled_notice_announced_to_screen_readers(cast: Cast) -> None:
    ambition = start(cast)
    fill(cast, ambition)
    page = cast.client_for(cast.owner).post(url(cast, "submit"), follow=True).text
    assert re.search(r'class="message message--success" data-announce>\s*<p>', page)
    assert "Version 1 er indsendt til styregruppen" in page


def test_adding_a_challenge_confirms_and_warns_about_a_title_that_is_taken(cast: Cast) -> None:
    client = cast.client_for(cast.core)
    add_url = reverse("sustainability:challenge_add", args=[cast.specialty.slug])
    first = client.post(add_url, _data("Ventelister"), headers=HTMX).text
    added = Challenge.objects.get(title="Ventelister")
    assert "Udfordringen “Ventelister” er tilføjet." in first
    assert f'href="#challenge-{added.pk}"' in first
    assert "data-focus-after-swap" in first
    assert "samme titel" not in first

    second = client.post(add_url, _data("ventelister "), headers=HTMX).text
    assert Challenge.objects.filter(title__iexact="ventelister").count() == 2  # not refused
    assert "En anden udfordring har samme titel" in second

    # Without JavaScript: the same words as messages on the page the browser is sent to.
    third = client.post(add_url, _data("Ventelister"), follow=True).text
    assert "Udfordringen “Ventelister” er tilføjet." in third
    assert "En anden udfordring har samme titel" in third


# -- 3. The un-mark button says what it does -------------------------------------------------


def test_the_unmark_button_is_an_action(cast: Cast) -> None:
    start(cast)
    client = cast.client_for(cast.owner)
    client.post(
        reverse("sustainability:challenge_add", args=[cast.specialty.slug]), _data("Ventelister")
    )
    challenge = Challenge.objects.get()
    client.post(
        reverse("sustainability:challenge_core", args=[cast.specialty.slug, challenge.pk]),
        {"core": "1"},
    )
    page = client.get(reverse("sustainability:challenges", args=[cast.specialty.slug])).text
    assert "Fjern som kerneudfordring" in page
    assert "Ikke en kerneudfordring" not in page


# -- 4. Irreversible clicks ask first ------------------------------------------------------


def test_submit_and_revise_ask_first_and_say_what_happens(cast: Cast) -> None:
    ambition = start(cast)
    fill(cast, ambition)
    client = cast.client_for(cast.owner)
    page = client.get(url(cast, "detail")).text
    assert '<details class="confirm" id="confirm-submit">' in page
    assert "Indsend til styregruppen…" in page
    assert "sendes til BASS-programstyregruppen" in page
    assert "Ja, indsend version 1" in page
    assert StrategicAmbition.objects.get().status == "draft"  # showing the question changes nothing

    submitted(cast, ambition)
    services.ambition_approve(ambition=StrategicAmbition.objects.get(), by=cast.steering, remark="")
    page = client.get(url(cast, "detail")).text
    assert '<details class="confirm" id="confirm-revise">' in page
    assert "Version 1 forbliver godkendt og gældende" in page
    assert "Ja, start revisionen" in page


# -- 5. Choosing the person responsible for a condition ------------------------------------


def _decide_with_condition(cast: Cast, responsible: int) -> str:
    return (
        cast.client_for(cast.steering)
        .post(
            url(cast, "decide"),
            {
                "decision": "approve",
                "remark": "Godkendt trods advarslerne i beslutningsgrundlaget.",
                **empty_conditions(),
                "conditions-0-text": "Rekrutteringsplan for Slagelse",
                "conditions-0-deadline": "01.03.2027",
                "conditions-0-responsible": responsible,
            },
        )
        .text
    )


def test_the_responsible_person_is_chosen_among_those_who_can_read_the_ambition(
    cast: Cast,
) -> None:
    ambition = start(cast)
    fill(cast, ambition)
    submitted(cast, ambition)
    page = cast.client_for(cast.steering).get(url(cast, "decide")).text
    select = page[page.index('name="conditions-0-responsible"') :]
    select = select[: select.index("</select>")]
    groups = re.findall(r'<optgroup label="([^"]+)">', select)
    assert groups == [
        "Specialeejer",
        "Implementeringsansvarlige",
        "Kerneteam",
        "BASS-programstyregruppe",
        "BASS-sekretariat",
    ]
    assert select.index("Ole Ejer") < select.index("Lise Leder") < select.index("Karen Kerne")
    assert str(cast.outsider) not in select
    assert str(cast.other_owner) not in select

    # A forged post naming someone who cannot read the ambition: a Danish field error.
    refused = _decide_with_condition(cast, cast.outsider.pk)
    assert "Vælg en person, der kan læse den strategiske ambition" in refused
    assert StrategicAmbition.objects.get().status == "submitted"

    _decide_with_condition(cast, cast.core.pk)
    assert StrategicAmbition.objects.get().status == "approved"


# -- 8. Danish dates -----------------------------------------------------------------------


def test_dates_are_typed_as_danish_dates_in_every_form() -> None:
    date_fields = []
    for module in (strategic_forms, framework_forms, action_forms):
        for form_class in vars(module).values():
            if isinstance(form_class, type) and issubclass(form_class, django_forms.BaseForm):
                for name, field in form_class.base_fields.items():
                    if isinstance(field, django_forms.DateField):
                        date_fields.append((form_class.__name__, name, field))
    assert len(date_fields) >= 6
    for form_name, name, field in date_fields:
        assert isinstance(field, DanishDateField), (form_name, name)
        assert field.widget.input_type == "text", (form_name, name)


def test_a_danish_date_is_read_and_shown_and_a_wrong_one_explained() -> None:
    with translation.override("en"):  # whatever the browser speaks
        field = ConditionForm.base_fields["deadline"]
        assert field.clean("31.12.2026") == datetime.date(2026, 12, 31)
        assert field.clean("2026-12-31") == datetime.date(2026, 12, 31)
        html = field.widget.render("deadline", datetime.date(2026, 3, 1))
        assert 'type="text"' in html
        assert 'value="01.03.2026"' in html
    with translation.override("da"):
        html = field.widget.render("deadline", None)
        assert 'placeholder="dd.mm.åååå"' in html
        with pytest.raises(ValidationError) as error:
            field.clean("12/31/2026")
        assert "Skriv datoen som dd.mm.åååå, fx 31.12.2026." in str(error.value)


def test_times_are_written_with_kl(cast: Cast) -> None:
    start(cast)
    page = cast.client_for(cast.owner).get(url(cast, "detail")).text
    assert re.search(r"\d{4} kl\. \d{2}\.\d{2}", page)


# -- 9. An approved version under revision is not a "Kladde" -------------------------------


def test_an_approved_ambition_under_revision_shows_both_states(cast: Cast) -> None:
    ambition = start(cast)
    fill(cast, ambition)
    submitted(cast, ambition)
    services.ambition_approve(ambition=StrategicAmbition.objects.get(), by=cast.steering, remark="")
    services.ambition_start_revision(ambition=StrategicAmbition.objects.get(), by=cast.owner)
    home = cast.client_for(cast.owner).get(reverse("home")).text
    assert "Godkendt (version 1)" in home
    assert "revision i gang" in home
    listing = cast.client_for(cast.steering).get(reverse("specialties:list")).text
    assert "Godkendt (version 1)" in listing
    assert ">Kladde<" not in listing


# -- 7. The version comparison shows the rendered text ------------------------------------


def test_the_comparison_shows_rendered_text_with_the_changes_marked(cast: Cast) -> None:
    ambition = start(cast)
    fill(cast, ambition)
    submitted(cast, ambition)
    services.ambition_approve(ambition=StrategicAmbition.objects.get(), by=cast.steering, remark="")
    services.ambition_start_revision(ambition=StrategicAmbition.objects.get(), by=cast.owner)
    part = StrategicAmbition.objects.get().parts.get(kind="situationsbillede")
    services.part_save(
        part=part,
        text="**Fed** tekst om situationen.\n\n- et punkt\n- et nyt punkt",
        base_revision=part.revision,
        by=cast.owner,
    )
    page = cast.client_for(cast.owner).get(url(cast, "versions") + "?fra=1&til=udkast").text
    section = page[page.index('id="cmp-situationsbillede"') :]
    section = section[: section.index("</section>")]
    assert "**" not in section
    assert "<ins>" in section
    assert "<strong>Fed</strong>" in section
    assert "<li>" in section
    assert "<del>" in section  # the old text, struck out
    assert "[tilføjet: </span>" in section  # heard by a screen reader


# -- 10. An intervention area before there are challenges -----------------------------------


def test_the_area_form_says_to_add_challenges_first(cast: Cast) -> None:
    start(cast)
    page = cast.client_for(cast.owner).get(url(cast, "detail")).text
    assert "Specialet har ingen udfordringer endnu. Tilføj dem først" in page
    challenges = reverse("sustainability:challenges", args=[cast.specialty.slug])
    hint = page[page.index('id="area-no-challenges"') :][:600]
    assert f'href="{challenges}"' in hint


# -- 6. Every PDF button names its document --------------------------------------------------


def test_every_pdf_button_names_its_document_visibly(cast: Cast) -> None:
    start(cast)
    page = cast.client_for(cast.owner).get(url(cast, "detail")).text
    assert re.search(r">\s*PDF: Strategisk ambition\s*</button>", page)
    assert not re.search(r'visually-hidden">: Strategisk ambition</span>\s*</button>', page)


# -- 14. Danish that reads as Danish ----------------------------------------------------------


@pytest.mark.parametrize(
    ("msgid", "context", "danish"),
    [
        ("Challenges it answers", "action", "Udfordringer, handlingen svarer på"),
        ("Challenges it answers", "intervention area", "Udfordringer, indsatsområdet svarer på"),
        ("Lens answered by", None, "Udfordringer belyst fra perspektivet"),
        ("Days awaiting decision", None, "Venter på beslutning (dage)"),
        ("What slipped", None, "Hvad er blevet forsinket"),
        ("Not started", None, "Ikke startet"),
        ("Who else does what", None, "Andre involverede og deres opgaver"),
        ("Actor map: influence by interest", None, "Aktørkort: interesse og indflydelse"),
        ("The PDF is being made …", None, "PDF’en bliver dannet …"),
        ("Answers", None, "Udfordringer"),
        ("Complete", None, "Opfyldt"),
        ("Deadline", "status row", "Deadline"),
        ("Timeline", "status row", "Tidsplan"),
    ],
)
def test_the_words_a_danish_reader_stumbled_over(
    msgid: str, context: str | None, danish: str
) -> None:
    with translation.override("da"):
        text = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    assert text == danish


def test_one_more_clinical_representative_is_said_the_danish_way() -> None:
    with translation.override("da"):
        text = translation.ngettext(
            "%(site)s: %(missing)s more needed", "%(site)s: %(missing)s more needed", 1
        ) % {"site": "Holbæk", "missing": 1}
    assert text == "Holbæk: mangler 1"


def test_a_site_name_with_a_full_stop_does_not_get_two(cast: Cast) -> None:
    with translation.override("da"):
        text = str(
            format_lazy(
                translation.gettext("The core team lacks clinical representatives from: {sites}."),
                sites="Holbæk, Nykøbing F.",
            )
        )
    assert ".." not in text
