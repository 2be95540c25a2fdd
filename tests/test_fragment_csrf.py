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
