"""The layering of the developer guide's architecture (docs/developer/index.md): imports
point down only.

programme > documents > (rounds | conversations | improvement | inspiration, side by side) >
ambitions (professional > strategic > models) > sustainability > specialties > people > bass.
The contracts are in pyproject.toml ([tool.importlinter]); this test runs them, so an import
that points up fails the suite with the offending line named.
"""

import subprocess
import sys
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
