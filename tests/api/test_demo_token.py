"""load_demo gives the demo's secretariat person one access token: the secret printed once,
then only its first characters."""

import io

from django.core.management import call_command
from django.test import Client

from api.models import ApiToken


def _load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_the_demo_secretariat_has_one_token(db: None) -> None:
    first = _load()
    token = ApiToken.objects.get()
    assert token.user.username == "sekretariat"
    assert "Demo-region indlæst" in first or "Demo" in first
    secret = first.split("(vises kun nu): ")[1].split()[0]
    assert secret.startswith(token.prefix)
    response = Client().get("/api/v1/overblik", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert len(response.json()["specialties"]) == 10  # the demo's ten specialties
    again = _load()
    assert ApiToken.objects.count() == 1
    assert secret not in again
    assert f"{token.prefix}…" in again
