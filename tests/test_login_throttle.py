"""Login throttling (issue #11, item 2): 60 wrong passwords and then the right one used to
log in. Now too many wrong passwords for one username, or from one address, lock log-in
for a while (also with the right password), with a Danish page; the secretariat lifts the
lock in the admin; a lock on one address does not stop people elsewhere.
"""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import Cast
from tests.factories import PASSWORD

LIMIT = settings.AXES_FAILURE_LIMIT


def log_in(client: Client, username: str, password: str, address: str = "10.0.0.1") -> object:
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_after_too_many_wrong_passwords_even_the_right_one_is_refused(cast: Cast) -> None:
    client = Client()
    for _ in range(LIMIT):
        log_in(client, "owner", "forkert")
    response = log_in(client, "owner", PASSWORD)
    assert response.status_code == 429  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert "Log-in er spærret et stykke tid" in text
    assert "BASS-sekretariatet" in text
    assert "_auth_user_id" not in client.session


def test_the_lock_follows_the_username_from_another_address(cast: Cast) -> None:
    for _ in range(LIMIT):
        log_in(Client(), "owner", "forkert", address="10.0.0.1")
    response = log_in(Client(), "owner", PASSWORD, address="10.9.9.9")
    assert response.status_code == 429  # type: ignore[attr-defined]


def test_the_lock_follows_the_address_across_usernames(cast: Cast) -> None:
    """Guessing one password for many usernames (spraying) is throttled too."""
    for i in range(LIMIT):
        log_in(Client(), f"gaet{i}", "forkert", address="10.0.0.66")
    response = log_in(Client(), "lead", PASSWORD, address="10.0.0.66")
    assert response.status_code == 429  # type: ignore[attr-defined]
    other = Client()
    assert log_in(other, "lead", PASSWORD, address="10.0.0.7").status_code == 302  # type: ignore[attr-defined]


def test_a_few_mistakes_do_not_lock_and_success_resets_the_count(cast: Cast) -> None:
    client = Client()
    for _ in range(LIMIT - 1):
        log_in(client, "owner", "forkert")
    assert log_in(client, "owner", PASSWORD).status_code == 302  # type: ignore[attr-defined]
    client.post(reverse("logout"))
    for _ in range(LIMIT - 1):
        log_in(client, "owner", "forkert")
    assert log_in(client, "owner", PASSWORD).status_code == 302  # type: ignore[attr-defined]


def test_the_secretariat_lifts_a_lock_in_the_admin(cast: Cast) -> None:
    for _ in range(LIMIT):
        log_in(Client(), "owner", "forkert")
    assert log_in(Client(), "owner", PASSWORD).status_code == 429  # type: ignore[attr-defined]

    admin = cast.client_for(cast.secretariat)
    changelist = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert changelist.status_code == 200
    assert "owner" in changelist.text
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    response = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert log_in(Client(), "owner", PASSWORD).status_code == 302  # type: ignore[attr-defined]


@pytest.mark.parametrize("persona", ["owner", "steering", "outsider"])
def test_only_the_secretariat_sees_the_locks(cast: Cast, persona: str) -> None:
    response = cast.client_for(getattr(cast, persona)).get(
        reverse("admin:axes_accessattempt_changelist")
    )
    assert response.status_code == 302  # to the admin's own log-in


def test_behind_the_proxy_the_address_is_the_one_the_proxy_gives(
    cast: Cast, settings: object
) -> None:
    settings.BEHIND_PROXY = True  # type: ignore[attr-defined]
    for _ in range(LIMIT):
        Client().post(
            reverse("login"),
            {"username": f"x{_}", "password": "forkert"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="10.1.1.1",
        )
    # The proxy's own address is not locked: others behind it still log in.
    response = Client().post(
        reverse("login"),
        {"username": "lead", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="10.2.2.2",
    )
    assert response.status_code == 302
