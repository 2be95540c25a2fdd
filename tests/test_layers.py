"""The layering of the developer guide's architecture (docs/developer/index.md): imports
point down only.

config (the wiring: settings, root URLconf, WSGI, Celery) > programme > documents >
(rounds | conversations | improvement | inspiration, side by side) > ambitions (professional >
strategic > models) > sustainability > specialties > people > bass.
The contracts are in pyproject.toml ([tool.importlinter]); this test runs them, so an import
that points up fails the suite with the offending line named.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_imports_point_down_only() -> None:
    result = subprocess.run(  # noqa: S603 - our own tool, fixed arguments
        [Path(sys.executable).parent / "lint-imports", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_no_import_is_excused() -> None:
    """The layers hold without exceptions: the root URLconf sits on the top floor (config),
    so no contract needs an ``ignore_imports`` list to let an import run up."""
    linter = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]
    assert [c.get("ignore_imports", []) for c in linter["contracts"]] == [[], []]
    assert linter["contracts"][0]["layers"][0] == "config"
    assert "config" in linter["root_packages"]
