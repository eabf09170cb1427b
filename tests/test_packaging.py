"""A fresh install is quiet: the metadata uses the forms current setuptools reads without warnings."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_license_is_an_spdx_string_with_its_file():
    assert isinstance(PROJECT["project"]["license"], str), "PEP 639: a table here warns on every build"
    assert all((ROOT / name).is_file() for name in PROJECT["project"]["license-files"])


def test_the_build_requires_a_setuptools_that_reads_pep_639():
    requirement = next(r for r in PROJECT["build-system"]["requires"] if r.startswith("setuptools"))
    assert int(re.search(r">=(\d+)", requirement).group(1)) >= 77


def test_editable_installs_need_no_import_finder():
    """With the packages in a plain package-dir, setuptools writes one .pth line and warns of nothing."""
    assert PROJECT["tool"]["setuptools"]["package-dir"] == {"": "."}
