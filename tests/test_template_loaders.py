"""Templates are read without their indentation (bass/template_loaders.py), safely."""

import re
from pathlib import Path

from django.template.loader import get_template, render_to_string

from bass.template_loaders import strip_indentation

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_indentation_is_dropped_and_line_breaks_kept() -> None:
    source = "<ul>\n    <li>a</li>\n\t  <li>b</li>\n</ul>\n  "
    assert strip_indentation(source) == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    # Words on two lines keep the space between them.
    assert strip_indentation("Gem\n      ændringer") == "Gem\nændringer"


def test_pages_are_served_without_indentation() -> None:
    html = render_to_string("403.html", {})
    assert "\n " not in html
    assert "<main" in html


def test_plain_text_emails_keep_their_layout() -> None:
    for path in TEMPLATES.rglob("*.txt"):
        name = str(path.relative_to(TEMPLATES))
        assert get_template(name).template.source == path.read_text()  # type: ignore[attr-defined]


def test_no_template_relies_on_leading_spaces() -> None:
    """A multi-line blocktranslate must be trimmed (else its message id would change), and no
    literal text may sit in <pre> or <textarea>, where leading spaces are shown."""
    untrimmed = re.compile(
        r"{% blocktrans(?:late)?\b(?![^%]*\btrimmed\b)[^%]*%}(.*?){% endblocktrans", re.S
    )
    for path in [*TEMPLATES.rglob("*.html"), *TEMPLATES.rglob("*.svg")]:
        source = path.read_text()
        for body in untrimmed.findall(source):
            assert "\n" not in body, f"{path}: a multi-line blocktranslate without trimmed"
        assert "<pre" not in source, path
        assert "<textarea" not in source, path
