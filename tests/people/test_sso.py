"""Issue 24: signing in with the work account, through HTTP, with ID tokens signed here.

The provider is stood in for at its two back-channel calls (the token endpoint and the
JWKS); everything else is the app's own: the start's redirect with PKCE, the state and
nonce in the session, the callback, the checks of the token and the account it finds or
makes. The real provider's round trip is tests/browser/test_sso.py.
"""

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from people import sso
from people.models import ProgrammeRole, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://login.example.org/tenant/v2.0"
SSO = {
    "SSO_ENABLED": True,
    "OIDC_ISSUER": ISSUER,
    "OIDC_RP_CLIENT_ID": "bass-app",
    "OIDC_RP_CLIENT_SECRET": "s3cret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{ISSUER}/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": f"{ISSUER}/token",
    "OIDC_OP_JWKS_ENDPOINT": f"{ISSUER}/keys",
    "OIDC_OP_END_SESSION_ENDPOINT": f"{ISSUER}/logout",
    "OIDC_SECRETARIAT_GROUPS": ["grp-secretariat"],
    "OIDC_STEERING_GROUPS": ["grp-steering"],
}
PROVIDER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
FORGER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
REFUSED = "Log-in fra din arbejdskonto kunne ikke bekræftes og blev afvist."


@pytest.fixture
def sso_on() -> Iterator[None]:
    with override_settings(**SSO):
        yield


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The provider's answers: the next ID token's claims and key, and its public key."""
    answer: dict[str, Any] = {"claims": {}, "key": PROVIDER_KEY, "headers": {"kid": "k1"}}

    def get_token(self: sso.SSOBackend, payload: dict[str, Any]) -> dict[str, Any]:
        assert payload["code_verifier"], "PKCE: the verifier goes with the code"
        token = jwt.encode(
            answer["claims"], answer["key"], algorithm="RS256", headers=answer["headers"]
        )
        return {"id_token": token, "access_token": "at"}

    def matching_jwk(self: sso.SSOBackend, token: str) -> jwt.PyJWK:
        return jwt.PyJWK.from_dict(
            {**jwt.algorithms.RSAAlgorithm.to_jwk(PROVIDER_KEY.public_key(), as_dict=True)},
            algorithm="RS256",
        )

    monkeypatch.setattr(sso.SSOBackend, "get_token", get_token)
    monkeypatch.setattr(sso.SSOBackend, "retrieve_matching_jwk", matching_jwk)
    return answer


def claims(nonce: str, **extra: Any) -> dict[str, Any]:
    now = int(time.time())
    return {
        "iss": ISSUER,
        "aud": "bass-app",
        "iat": now,
        "exp": now + 300,
        "nonce": nonce,
        "sub": "pairwise-sub",
        "oid": "11111111-2222-3333-4444-555555555555",
        "name": "Kirsten Holm",
        "preferred_username": "kiho@regionsjaelland.dk",
        **extra,
    }


def start(client: Client) -> dict[str, str]:
    """Begin a sign-in: the redirect to the provider, its query as a dict."""
    response = client.get(reverse("sso_start"))
    assert response.status_code == 302
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{ISSUER}/authorize"
    return {k: v[0] for k, v in parse_qs(url.query).items()}


def sign_in(client: Client, provider: dict[str, Any], **extra: Any) -> Any:
    query = start(client)
    provider["claims"] = claims(query["nonce"], **extra)
    return client.get(reverse("sso_callback"), {"code": "c0de", "state": query["state"]})


def test_the_start_asks_for_a_code_with_pkce_and_a_nonce(sso_on: None) -> None:
    query = start(Client())
    assert query["response_type"] == "code"
    assert query["client_id"] == "bass-app"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert query["nonce"]
    assert query["state"]
    assert query["scope"] == "openid email profile"
    assert query["redirect_uri"] == "http://testserver/sso/callback/"


def test_first_sign_in_makes_an_account_without_a_role_and_the_next_finds_it(
    sso_on: None, provider: dict[str, Any]
) -> None:
    client = Client()
    response = sign_in(client, provider)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get()
    assert user.sso_subject == "11111111-2222-3333-4444-555555555555"  # oid, not sub
    assert (user.first_name, user.last_name, user.email) == (
        "Kirsten",
        "Holm",
        "kiho@regionsjaelland.dk",
    )
    assert user.programme_role == ProgrammeRole.NONE
    assert not user.has_usable_password()
    assert client.get(reverse("home")).status_code == 200

    # Another browser, a changed name and address: the same person, by oid alone.
    again = Client()
    sign_in(again, provider, name="Kirsten Holm-Berg", preferred_username="khb@rsyd.dk")
    assert User.objects.count() == 1
    assert again.get(reverse("home")).status_code == 200


def test_a_sign_in_name_that_is_no_address_leaves_the_address_empty(
    sso_on: None, provider: dict[str, Any]
) -> None:
    """preferred_username is not always an address; an account with a broken address would
    make the outbox refuse every change that writes to the person."""
    response = sign_in(Client(), provider, preferred_username="kiho")
    assert response.status_code == 302
    assert User.objects.get().email == ""


def test_a_person_is_never_matched_by_name_or_email(sso_on: None, provider: dict[str, Any]) -> None:
    local = UserFactory(username="kiho", email="kiho@regionsjaelland.dk", first_name="Kirsten")
    sign_in(Client(), provider)
    assert User.objects.count() == 2
    local.refresh_from_db()
    assert local.sso_subject is None


def test_without_oid_the_subject_is_sub(sso_on: None, provider: dict[str, Any]) -> None:
    query = start(client := Client())
    provider["claims"] = {k: v for k, v in claims(query["nonce"]).items() if k != "oid"}
    client.get(reverse("sso_callback"), {"code": "c", "state": query["state"]})
    assert User.objects.get().sso_subject == "pairwise-sub"


@pytest.mark.parametrize(
    ("case", "change"),
    [
        ("signed with another key", {"key": FORGER_KEY}),
        ("expired", {"claims": {"exp": int(time.time()) - 60, "iat": int(time.time()) - 400}}),
        ("for another client", {"claims": {"aud": "someone-else"}}),
        ("from another issuer", {"claims": {"iss": "https://evil.example/v2.0"}}),
        ("another sign-in's nonce", {"claims": {"nonce": "replayed"}}),
    ],
)
def test_a_tampered_or_expired_token_is_refused_in_danish(
    sso_on: None, provider: dict[str, Any], case: str, change: dict[str, Any]
) -> None:
    client = Client()
    query = start(client)
    provider["claims"] = {**claims(query["nonce"]), **change.get("claims", {})}
    provider["key"] = change.get("key", PROVIDER_KEY)
    response = client.get(
        reverse("sso_callback"), {"code": "c", "state": query["state"]}, follow=True
    )
    assert response.redirect_chain[0][0] == "/log-ind/", case
    assert REFUSED in response.content.decode(), case
    assert not User.objects.exists(), case
    assert client.get(reverse("home")).status_code == 302, case


def test_a_deactivated_person_cannot_sign_in(sso_on: None, provider: dict[str, Any]) -> None:
    User.objects.create_user(
        username="gone", sso_subject="11111111-2222-3333-4444-555555555555", is_active=False
    )
    client = Client()
    query = start(client)
    provider["claims"] = claims(query["nonce"])
    response = client.get(
        reverse("sso_callback"), {"code": "c", "state": query["state"]}, follow=True
    )
    assert "Din konto er deaktiveret" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_the_groups_claim_gives_and_takes_the_programme_role(
    sso_on: None, provider: dict[str, Any]
) -> None:
    sign_in(Client(), provider, groups=["grp-secretariat", "other"])
    assert User.objects.get().programme_role == ProgrammeRole.SECRETARIAT
    sign_in(Client(), provider, groups=["grp-steering"])
    assert User.objects.get().programme_role == ProgrammeRole.STEERING_GROUP
    sign_in(Client(), provider, groups=[])
    assert User.objects.get().programme_role == ProgrammeRole.NONE


def test_without_a_groups_mapping_the_role_is_kept_in_the_app(
    sso_on: None, provider: dict[str, Any]
) -> None:
    with override_settings(OIDC_SECRETARIAT_GROUPS=[], OIDC_STEERING_GROUPS=[]):
        sign_in(Client(), provider, groups=["grp-secretariat"])
        user = User.objects.get()
        assert user.programme_role == ProgrammeRole.NONE
        user.programme_role = ProgrammeRole.SECRETARIAT
        user.save(update_fields=["programme_role"])
        sign_in(Client(), provider)
        user.refresh_from_db()
        assert user.programme_role == ProgrammeRole.SECRETARIAT


def test_sign_out_ends_the_providers_session_too(sso_on: None, provider: dict[str, Any]) -> None:
    client = Client()
    sign_in(client, provider)
    response = client.post(reverse("logout"))
    url = urlsplit(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{ISSUER}/logout"
    query = parse_qs(url.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/log-ind/"]
    assert query["id_token_hint"][0].count(".") == 2
    assert client.get(reverse("home")).status_code == 302


def test_a_password_sign_out_stays_in_the_app(sso_on: None) -> None:
    client = Client()
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")


def test_the_endpoints_come_from_discovery(monkeypatch: pytest.MonkeyPatch) -> None:
    document = {
        "issuer": ISSUER,
        "authorization_endpoint": f"{ISSUER}/a",
        "token_endpoint": f"{ISSUER}/t",
        "jwks_uri": f"{ISSUER}/k",
    }
    asked: list[str] = []

    class Answer:
        def raise_for_status(self) -> None:
            pass

        def json(self) -> dict[str, str]:
            return document

    def get(url: str, timeout: int) -> Answer:
        asked.append(url)
        return Answer()

    monkeypatch.setattr(sso.requests, "get", get)
    sso.discover.cache_clear()
    with override_settings(
        **{**SSO, "OIDC_OP_AUTHORIZATION_ENDPOINT": "", "OIDC_OP_END_SESSION_ENDPOINT": ""}
    ):
        found = sso.endpoints()
        sso.endpoints()
    assert (found.authorization, found.token, found.end_session) == (
        f"{ISSUER}/a",
        SSO["OIDC_OP_TOKEN_ENDPOINT"],
        "",
    )
    assert asked == [f"{ISSUER}/.well-known/openid-configuration"]  # once per process
    sso.discover.cache_clear()
    document["issuer"] = "https://someone.else"
    with (
        override_settings(**{**SSO, "OIDC_OP_AUTHORIZATION_ENDPOINT": ""}),
        pytest.raises(Exception, match="names issuer"),
    ):
        sso.endpoints()
    sso.discover.cache_clear()


def test_a_provider_that_does_not_answer_is_said_in_danish(
    sso_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down() -> sso.Endpoints:
        raise sso.requests.ConnectionError("down")

    monkeypatch.setattr(sso, "endpoints", down)
    response = Client().get(reverse("sso_start"), follow=True)
    assert "Log-in med arbejdskonto er ikke tilgængeligt lige nu" in response.content.decode()


def test_without_sso_its_urls_are_not_there() -> None:
    client = Client()
    assert client.get(reverse("sso_start")).status_code == 404
    assert client.get(reverse("sso_callback"), {"code": "c", "state": "s"}).status_code == 404
    assert "Log ind med arbejdskonto" not in client.get(reverse("login")).content.decode()


# -- The log-in page and SSO_ONLY ---------------------------------------------------------------


def test_the_log_in_page_offers_the_work_account_and_the_password(sso_on: None) -> None:
    page = Client().get(reverse("login")).content.decode()
    assert "Log ind med arbejdskonto" in page
    assert 'name="password"' in page
    assert "Glemt adgangskode" in page


def test_sso_only_switches_every_password_off(sso_on: None) -> None:
    user = UserFactory()
    with override_settings(SSO_ONLY=True):
        client = Client()
        page = client.get(reverse("login")).content.decode()
        assert "Log ind med arbejdskonto" in page
        assert 'name="password"' not in page
        response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
        assert response.status_code == 403
        assert client.get(reverse("home")).status_code == 302
        assert not client.login(username=user.username, password=PASSWORD)  # the admin's too
        assert client.get(reverse("password_reset")).status_code == 404
    assert Client().login(username=user.username, password=PASSWORD)


def test_settings_refuse_sso_only_without_sso() -> None:
    from tests.test_settings import run

    result = run("-c", "import django; django.setup()", SSO_ONLY="true", DEBUG="true")
    assert result.returncode != 0
    assert "SSO_ONLY=true needs single sign-on" in result.stderr
    result = run("-c", "import django; django.setup()", OIDC_CLIENT_ID="x", DEBUG="true")
    assert "OIDC_CLIENT_ID needs OIDC_ISSUER and OIDC_CLIENT_SECRET" in result.stderr


def test_with_sso_the_policy_lets_log_ud_reach_the_provider() -> None:
    from tests.test_settings import run

    result = run(
        "-c",
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])",
        OIDC_CLIENT_ID="x",
        OIDC_CLIENT_SECRET="y",
        OIDC_ISSUER="https://login.microsoftonline.com/t/v2.0",
        DEBUG="true",
    )
    assert "'https://login.microsoftonline.com'" in result.stdout, result.stderr
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] == ["'self'"]


def test_names_from_the_claims_are_cleaned_like_typed_names() -> None:
    """A control character in a provider's name claim would reach every export (issue 25,
    item 11): the names are cleaned like a name typed in a form."""
    from people.sso import _names

    assert _names({"given_name": "An\x07ne", "family_name": "Ha\nnsen\x00"}) == ("Anne", "Ha nsen")
    assert _names({"name": "Lise\x1b Kjær Holm"}) == ("Lise", "Kjær Holm")
