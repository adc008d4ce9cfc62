"""The import contracts (.importlinter) hold, and they catch an import that runs up a layer."""

from __future__ import annotations

import shutil
import subprocess
import sys
from configparser import ConfigParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def root_packages() -> list[str]:
    config = ConfigParser()
    config.read(ROOT / ".importlinter")
    return config["importlinter"]["root_packages"].split()


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def copy_of_the_code(tmp_path) -> Path:
    """The project's packages (Python files only) and its contracts, in a scratch folder."""
    for package in root_packages():
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=lambda folder, names: [
                name for name in names if not (name.endswith(".py") or (Path(folder) / name).is_dir())
            ],
        )
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def test_every_app_is_named_in_the_contracts():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(root_packages())


def test_the_code_keeps_the_contracts(copy_of_the_code):
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "refusal"),
    [
        # The foundation importing a domain (the circle this layout removed).
        ("sites/models.py", "import disclosure.models", "sites is not allowed to import disclosure"),
        # Inside a function is no way around the rule.
        (
            "sites/provisioning.py",
            "def _late():\n    from catalogue.models import CataloguePage  # noqa\n",
            "sites is not allowed to import catalogue",
        ),
        # Two sibling domains.
        (
            "review/models.py",
            "import interpretation.models",
            "review is not allowed to import interpretation",
        ),
        # participation and opinions: one way only.
        (
            "participation/models.py",
            "import opinions.models",
            "participation is not allowed to import opinions",
        ),
    ],
)
def test_an_import_against_the_layers_breaks_the_check(copy_of_the_code, module, line, refusal):
    target = copy_of_the_code / module
    target.write_text(target.read_text() + "\n" + line + "\n")
    result = lint_imports(copy_of_the_code)
    assert result.returncode != 0
    assert refusal in " ".join(result.stdout.split())
