"""A kept fragment puts the reader's CSRF token into its forms on the way out, and nowhere
else (issue 25, item 9): user text that holds a placeholder must not pull the token into a
link."""

from django.template import Context, Template

TEMPLATE = Template(
    '{% load bass_cache %}{% fragment "csrf_test" version %}'
    '<a href="https://evil.example/?t={{ text }}">x</a><form>{% csrf_token %}</form>'
    "{% endfragment %}"
)


def render(text: str, token: str) -> str:
    return TEMPLATE.render(Context({"version": "v1", "text": text, "csrf_token": token}))


def test_user_text_with_the_old_fixed_placeholder_stays_text() -> None:
    text = "bass-csrf-placeholder-7f3a"
    for token in ("reader-one-token", "reader-two-token"):  # computed, then kept
        html = render(text, token)
        assert html.count(token) == 1
        assert f'value="{token}"' in html
        assert f"?t={text}" in html


def test_no_placeholder_leaks_into_the_page() -> None:
    assert "bass-csrf-" not in render("", "token-a")  # computed
    assert "bass-csrf-" not in render("", "token-b")  # kept


def test_a_boosted_or_other_targets_request_gets_the_whole_page() -> None:
    """Issue 21, item 3: one page-or-fragment rule. A boosted request swaps in the whole
    page, so it must get the whole page; a fragment goes only to the target it is for."""
    from django.test import RequestFactory
    from django_htmx.middleware import HtmxDetails

    from bass.http import wants_fragment

    def ask(**headers: str) -> bool:
        request = RequestFactory().get("/", headers=headers)
        request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
        return wants_fragment(request, "part-challenges")

    assert ask(**{"HX-Request": "true", "HX-Target": "part-challenges"})
    assert ask(**{"HX-Request": "true"})
    assert not ask()
    assert not ask(**{"HX-Request": "true", "HX-Boosted": "true"})
    assert not ask(**{"HX-Request": "true", "HX-Target": "something-else"})
