"""Comments on frameworks, status rows and actions: who may read and write them, replies,
the notifications a comment leaves (never for its author), the e-mails by each person's
choice, the unread count and the notification list."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import resolve, reverse
from post_office.models import Email
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks, Settings

from conversations import notifications, queries
from conversations.models import Comment, Notification, Topic
from people.models import User
from specialties.models import Membership
from tests.conftest import Cast
from tests.conversations.conftest import Work
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def thread_url(cast: Cast, work: Work, topic: str) -> str:
    pk = work.action.pk if topic == Topic.ACTION else work.framework.pk
    return reverse(f"conversations:{topic}_thread", kwargs={"slug": cast.specialty.slug, "pk": pk})


def hx_for(url: str) -> dict[str, str]:
    """What htmx sends when the thread's own form posts: the thread's element as the target."""
    match = resolve(url)
    topic = match.url_name.removesuffix("_thread")
    return {"HX-Request": "true", "HX-Target": f"thread-{topic}-{match.kwargs['pk']}"}


def post(client: Client, url: str, text: str, **extra: object) -> object:
    return client.post(url, {"text": text, **extra}, headers=hx_for(url))


# -- Who may read and write ------------------------------------------------------------------


@pytest.mark.parametrize("topic", [Topic.FRAMEWORK, Topic.STATUS, Topic.ACTION])
@pytest.mark.parametrize("who", ["owner", "lead", "core", "steering", "secretariat"])
def test_the_specialtys_people_and_the_programme_read_and_write(
    cast: Cast, work: Work, topic: str, who: str
) -> None:
    client = cast.client_for(getattr(cast, who))
    url = thread_url(cast, work, topic)
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": f"Spørgsmål fra {who}."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.topic == topic
    assert comment.author == getattr(cast, who)
    assert f"Spørgsmål fra {who}." in client.get(url).content.decode()


@pytest.mark.parametrize("topic", [Topic.FRAMEWORK, Topic.STATUS, Topic.ACTION])
@pytest.mark.parametrize("who", ["outsider", "other_owner"])
def test_outsiders_and_other_specialties_neither_read_nor_write(
    cast: Cast, work: Work, topic: str, who: str
) -> None:
    """Another specialty's owner reads the approved professional ambition (LEARNING_RULE),
    but its comments stay with the specialty's people and the programme."""
    client = cast.client_for(getattr(cast, who))
    url = thread_url(cast, work, topic)
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "Hej."}).status_code == 404
    assert not Comment.objects.exists()


def test_anonymous_is_sent_to_log_in(cast: Cast, work: Work) -> None:
    response = Client().post(thread_url(cast, work, Topic.ACTION), {"text": "Hej."})
    assert response.status_code == 302
    assert "/log-ind/" in response["Location"]
    assert not Comment.objects.exists()


def test_a_thing_of_another_specialty_is_not_found_under_this_slug(cast: Cast, work: Work) -> None:
    url = reverse(
        "conversations:action_thread",
        kwargs={"slug": cast.other_specialty.slug, "pk": work.action.pk},
    )
    client = cast.client_for(cast.steering)
    assert client.get(url).status_code == 404  # no professional ambition there


def test_the_three_threads_of_one_framework_and_action_are_apart(cast: Cast, work: Work) -> None:
    client = cast.client_for(cast.owner)
    for topic in (Topic.FRAMEWORK, Topic.STATUS, Topic.ACTION):
        post(client, thread_url(cast, work, topic), f"Om {topic}.")
    for topic in (Topic.FRAMEWORK, Topic.STATUS, Topic.ACTION):
        page = client.get(thread_url(cast, work, topic)).content.decode()
        assert f"Om {topic}." in page
        assert sum(f"Om {other}." in page for other in Topic.values) == 1


# -- Replies and bad input --------------------------------------------------------------------


def test_a_reply_answers_a_comment_and_a_reply_to_a_reply_joins_it(cast: Cast, work: Work) -> None:
    url = thread_url(cast, work, Topic.FRAMEWORK)
    post(cast.client_for(cast.steering), url, "Hvornår er I klar?")
    question = Comment.objects.get()
    response = post(cast.client_for(cast.owner), url, "Til marts.", parent=question.pk)
    assert response.status_code == 200
    answer = Comment.objects.get(parent=question)
    post(cast.client_for(cast.steering), url, "Tak.", parent=answer.pk)
    assert Comment.objects.get(text="Tak.").parent == question  # one level
    html = response.content.decode()
    assert f'id="comment-{answer.pk}"' in html
    assert "data-focus-after-swap" in html
    assert html.index("Hvornår er I klar?") < html.index("Til marts.")


def test_a_reply_to_a_comment_of_another_thread_is_refused(cast: Cast, work: Work) -> None:
    client = cast.client_for(cast.owner)
    post(client, thread_url(cast, work, Topic.ACTION), "Om handlingen.")
    elsewhere = Comment.objects.get()
    response = post(client, thread_url(cast, work, Topic.FRAMEWORK), "Svar.", parent=elsewhere.pk)
    assert response.status_code == 200
    assert Comment.objects.count() == 1
    assert "errorlist" in response.content.decode()


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "x" * 5001])
def test_an_empty_or_huge_comment_is_a_field_error(cast: Cast, work: Work, text: str) -> None:
    response = post(cast.client_for(cast.owner), thread_url(cast, work, Topic.STATUS), text)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("parent", ["abc", "99999999999999999999", "-1"])
def test_a_damaged_reply_is_a_field_error_never_a_500(cast: Cast, work: Work, parent: str) -> None:
    response = post(
        cast.client_for(cast.owner), thread_url(cast, work, Topic.STATUS), "Svar.", parent=parent
    )
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_markdown_is_sanitised(cast: Cast, work: Work) -> None:
    client = cast.client_for(cast.owner)
    url = thread_url(cast, work, Topic.ACTION)
    post(client, url, "<script>alert(1)</script> **fed**")
    html = client.get(url).content.decode()
    assert "<script>alert(1)" not in html
    assert "<strong>fed</strong>" in html


# -- Notifications -----------------------------------------------------------------------------


def notified(comment: Comment) -> set[str]:
    return set(
        Notification.objects.filter(comment=comment).values_list("recipient__username", flat=True)
    )


def test_a_comment_on_a_framework_notifies_its_people_never_the_author(
    cast: Cast, work: Work
) -> None:
    """The owner and the lead; the specialty's core team while the framework has none."""
    post(cast.client_for(cast.steering), thread_url(cast, work, Topic.FRAMEWORK), "Et spørgsmål.")
    assert notified(Comment.objects.get()) == {"owner", "lead", "core"}


def test_the_frameworks_own_core_team_replaces_the_specialtys(cast: Cast, work: Work) -> None:
    chosen = UserFactory(username="chosen")
    membership = MembershipFactory(
        specialty=cast.specialty, user=chosen, role=Membership.Role.CORE_TEAM
    )
    work.framework.core_team.set([membership])
    post(cast.client_for(cast.steering), thread_url(cast, work, Topic.FRAMEWORK), "Spørgsmål.")
    assert notified(Comment.objects.get()) == {"owner", "lead", "chosen"}


def test_a_comment_on_a_status_row_notifies_who_drives_its_progress(cast: Cast, work: Work) -> None:
    driver = UserFactory(username="driver")
    MembershipFactory(specialty=cast.specialty, user=driver, role=Membership.Role.CORE_TEAM)
    work.framework.progress_owner = driver
    work.framework.save(update_fields=["progress_owner"])
    post(cast.client_for(cast.owner), thread_url(cast, work, Topic.STATUS), "Status?")
    assert notified(Comment.objects.get()) == {"lead", "core", "driver"}  # not the author


def test_a_comment_on_an_action_notifies_its_responsible_and_earlier_writers(
    cast: Cast, work: Work
) -> None:
    responsible = UserFactory(username="responsible")
    MembershipFactory(specialty=cast.specialty, user=responsible, role=Membership.Role.CORE_TEAM)
    work.action.responsible = responsible
    work.action.save(update_fields=["responsible"])
    url = thread_url(cast, work, Topic.ACTION)
    post(cast.client_for(cast.secretariat), url, "Første.")
    first = Comment.objects.get()
    assert notified(first) == {"owner", "lead", "core", "responsible"}
    post(cast.client_for(cast.owner), url, "Svar.", parent=first.pk)
    reply = Comment.objects.get(parent=first)
    assert notified(reply) == {"lead", "core", "responsible", "secretariat"}


def test_people_who_may_no_longer_read_are_not_notified(cast: Cast, work: Work) -> None:
    url = thread_url(cast, work, Topic.ACTION)
    post(cast.client_for(cast.core), url, "Første.")
    Membership.objects.filter(user=cast.core).delete()
    User.objects.filter(pk=cast.lead.pk).update(is_active=False)
    post(cast.client_for(cast.owner), url, "Andet.")
    assert notified(Comment.objects.get(text="Andet.")) == set()


def test_the_unread_count_and_the_list_that_marks_them_read(
    cast: Cast, work: Work, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    writer = cast.client_for(cast.steering)
    for n in range(3):
        post(writer, thread_url(cast, work, Topic.ACTION), f"Kommentar {n}.")
    client = cast.client_for(cast.owner)
    unread_url = reverse("conversations:unread")
    with django_assert_max_num_queries(3):  # session, user, the count
        badge = client.get(unread_url, headers={"HX-Request": "true"}).content.decode()
    assert 'data-unread="3"' in badge
    # The page's menu link loads the count once; the link that replaces it must not load
    # again (it would ask for ever), only when notifications are marked read.
    assert (
        'hx-trigger="load, bass:notifications-read from:body"'
        in client.get(reverse("home")).content.decode()
    )
    assert 'hx-trigger="bass:notifications-read from:body"' in badge

    # Session, user, the page's count, the page, the menu's unread count; nothing per line.
    with django_assert_max_num_queries(6):
        page = client.get(reverse("conversations:notifications")).content.decode()
    assert page.count("notification--unread") == 3
    assert "Kommentar 2." in page
    assert "kommentarer/handlinger/" in page
    newest = Notification.objects.filter(recipient=cast.owner).order_by("-pk")[0]
    assert f'name="up_to" value="{newest.pk}"' in page
    assert not Notification.objects.filter(read_at__isnull=False).exists()  # GET writes nothing

    # A comment that arrives after the page was shown stays unread.
    post(writer, thread_url(cast, work, Topic.ACTION), "Kommentar 3.")
    response = client.post(
        reverse("conversations:mark_read"), {"up_to": newest.pk}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "bass:notifications-read"
    # The menu's link comes back with the new count, out of band.
    assert 'hx-swap-oob="true"' in response.content.decode()
    assert 'data-unread="1"' in response.content.decode()
    assert 'data-unread="1"' in client.get(unread_url).content.decode()
    # Another person's notifications are untouched.
    assert Notification.objects.filter(recipient=cast.lead, read_at__isnull=True).count() == 4


def test_the_list_stays_within_its_queries_however_many(
    cast: Cast, work: Work, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    writer = cast.client_for(cast.steering)
    for n in range(40):
        post(writer, thread_url(cast, work, Topic.FRAMEWORK), f"Kommentar {n}.")
    client = cast.client_for(cast.owner)
    with django_assert_max_num_queries(6):  # as for 3: test_the_unread_count_and_the_list…
        page = client.get(reverse("conversations:notifications")).content.decode()
    assert page.count('<li class="notification') == 30  # one page
    assert "?side=2" in page


def test_a_damaged_mark_read_marks_nothing(cast: Cast, work: Work) -> None:
    post(cast.client_for(cast.steering), thread_url(cast, work, Topic.ACTION), "Hej.")
    client = cast.client_for(cast.owner)
    for value in ("", "abc", "99999999999999999999"):
        response = client.post(reverse("conversations:mark_read"), {"up_to": value})
        assert response.status_code == 302
    assert Notification.objects.unread().count() == 3


def test_the_menu_loads_the_count_after_the_page(cast: Cast, work: Work) -> None:
    page = cast.client_for(cast.owner).get(reverse("home")).content.decode()
    assert 'hx-get="/notifikationer/ulaeste/"' in page
    assert 'hx-trigger="load' in page
    assert "data-unread" not in page  # the page itself counts nothing


# -- E-mail -----------------------------------------------------------------------------------


def test_email_goes_after_commit_to_those_who_want_it(
    cast: Cast,
    work: Work,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    settings: Settings,
) -> None:
    settings.SITE_URL = "https://bass.example.org"
    User.objects.filter(pk=cast.lead.pk).update(comment_emails=False)
    Email.objects.all().delete()  # the approval's e-mails of the fixture
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(cast.client_for(cast.steering), thread_url(cast, work, Topic.ACTION), "Hvordan?")
    assert mail.outbox == []  # nothing before commit
    for callback in callbacks:
        callback()
    comment = Comment.objects.get()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast.owner.email, cast.core.email])
    message = mail.outbox[0]
    assert "Hvordan?" in message.body
    assert f"https://bass.example.org{comment.get_absolute_url()}" in message.body
    assert work.action.title in message.subject
    assert "\n" not in message.subject
    # The lead still has the notification in the app.
    assert Notification.objects.filter(recipient=cast.lead, comment=comment).exists()
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_a_rolled_back_comment_sends_nothing(
    cast: Cast, work: Work, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(cast.client_for(cast.owner), thread_url(cast, work, Topic.ACTION), "")
    assert response.status_code == 200
    assert callbacks == []
    assert mail.outbox == []


def test_the_comment_s_e_mails_are_queued_once(
    cast: Cast, work: Work, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    """The comment's e-mails are outbox rows written with the comment; queuing them again
    (a second call) writes none, since each notification records that its e-mail is queued."""
    with django_capture_on_commit_callbacks(execute=False):
        post(cast.client_for(cast.steering), thread_url(cast, work, Topic.ACTION), "Hej.")
    comment = Comment.objects.get()
    assert sorted(e.to[0] for e in Email.objects.filter(subject__contains=comment.about)) == sorted(
        [cast.owner.email, cast.lead.email, cast.core.email]
    )
    assert notifications.send_comment(comment=comment) == 0
    assert Email.objects.filter(subject__contains=comment.about).count() == 3


# -- The pages that lead to the threads --------------------------------------------------------


def test_the_framework_page_loads_its_thread_for_who_may_read_it(cast: Cast, work: Work) -> None:
    url = reverse(
        "professional:framework", kwargs={"slug": cast.specialty.slug, "pk": work.framework.pk}
    )
    thread = thread_url(cast, work, Topic.FRAMEWORK)
    assert f'hx-get="{thread}"' in cast.client_for(cast.core).get(url).content.decode()
    # Another specialty's owner reads the framework, but not its comments.
    other = cast.client_for(cast.other_owner).get(url)
    assert other.status_code == 200
    assert thread not in other.content.decode()


def test_the_action_card_and_status_row_link_to_their_threads(cast: Cast, work: Work) -> None:
    slug = cast.specialty.slug
    focus = reverse(
        "professional:focus_area", kwargs={"slug": slug, "pk": work.action.focus_area_id}
    )
    status = reverse("professional:status", kwargs={"slug": slug})
    for who, shown in [(cast.secretariat, True), (cast.other_owner, False)]:
        client = cast.client_for(who)
        assert (thread_url(cast, work, Topic.ACTION) in client.get(focus).content.decode()) is shown
        # The status rows are kept per flag: the second reader must not get the first's.
        assert (
            thread_url(cast, work, Topic.STATUS) in client.get(status).content.decode()
        ) is shown


def test_the_thread_fragment_alone_for_htmx(
    cast: Cast, work: Work, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    url = thread_url(cast, work, Topic.ACTION)
    client = cast.client_for(cast.owner)
    first = Comment.objects.create(
        specialty=cast.specialty, topic=Topic.ACTION, action=work.action, author=cast.core, text="A"
    )
    for n in range(5):
        Comment.objects.create(
            specialty=cast.specialty,
            topic=Topic.ACTION,
            action=work.action,
            author=cast.lead,
            text=f"Svar {n}",
            parent=first,
        )
    # Loaded into the slot the action's card keeps for it.
    slot = {"HX-Request": "true", "HX-Target": f"action-{work.action.pk}-thread"}
    client.get(url, headers=slot)  # the specialty's id known to this process
    with django_assert_max_num_queries(9):  # fixed: however many comments and replies
        response = client.get(url, headers=slot)
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="thread-action-{work.action.pk}"' in html
    assert 'data-count="6"' in html


# -- After access is removed (issue 25, item 8) ------------------------------------------------


def test_a_removed_member_no_longer_reads_the_comments_notifications(
    cast: Cast,
    work: Work,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    """The core-team member is told of a comment, then leaves the specialty before reading
    it: the list and the unread count forget it (its e-mail was queued with the comment, to
    the people who could read it then); a returned role brings the notification back. A
    person who left before the comment is told nothing, by e-mail or in the app."""
    with django_capture_on_commit_callbacks(execute=True):
        post(cast.client_for(cast.steering), thread_url(cast, work, Topic.ACTION), "Fortroligt.")
    assert Notification.objects.filter(recipient=cast.core).exists()  # told while a member
    membership = Membership.objects.get(user=cast.core, specialty=cast.specialty)
    membership.delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(cast.client_for(cast.steering), thread_url(cast, work, Topic.ACTION), "Igen.")
    assert cast.core.email not in [m.to[0] for m in mail.outbox]
    assert cast.owner.email in [m.to[0] for m in mail.outbox]

    client = cast.client_for(cast.core)
    page = client.get(reverse("conversations:notifications")).content.decode()
    assert "Fortroligt." not in page
    assert queries.unread_count(cast.core) == 0

    MembershipFactory(specialty=cast.specialty, user=cast.core, role=Membership.Role.CORE_TEAM)
    page = client.get(reverse("conversations:notifications")).content.decode()
    assert "Fortroligt." in page


def test_the_programme_keeps_its_notifications_without_a_role_in_the_specialty(
    cast: Cast, work: Work
) -> None:
    post(cast.client_for(cast.owner), thread_url(cast, work, Topic.ACTION), "Til styregruppen.")
    comment = Comment.objects.get()
    Notification.objects.create(recipient=cast.steering, comment=comment)
    page = cast.client_for(cast.steering).get(reverse("conversations:notifications"))
    assert "Til styregruppen." in page.content.decode()
