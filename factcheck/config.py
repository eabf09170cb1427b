"""Settings: defaults live here once; a factcheck.toml or [tool.factcheck] may override them.

Discovery walks up from the working directory and stops at the first file that has settings,
which is easier to explain than merging every parent directory.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError

FAIL_ON_CHOICES = ("conflict", "stale", "never")


@dataclass(frozen=True)
class Settings:
    """Every tunable in one frozen value, passed explicitly to the stages that need it."""

    approx_tolerance: float = 0.10
    """Relative widening for "about", "roughly", "~", "some" (0.10 = ±10%)."""
    nearly_tolerance: float = 0.10
    """How far below the figure "nearly"/"almost" may reach (relative)."""
    subject_similarity: int = 88
    """rapidfuzz token_set_ratio cut-off for joining two subject names across articles."""
    attribute_similarity: int = 80
    """rapidfuzz cut-off for joining two attribute phrases within one subject."""
    model: str | None = None
    """spaCy pipeline to load; None tries en_core_web_sm, then its PyPI build, then blank."""
    fail_on: str = "conflict"
    """What makes `run` exit 1: "conflict" (undecided or stale), "stale" (stale decisions only), "never"."""
    decisions: str = "factcheck.decisions.json"
    """Where editors' decisions are kept, relative to the working directory."""
    aliases: dict[str, list[str]] = field(default_factory=dict)
    """Canonical name -> other names no rule can join ({"Alphabet": ["Google"]})."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


_KNOWN = {f.name for f in fields(Settings)}


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The first factcheck.toml, or pyproject.toml with [tool.factcheck], from start upward."""
    for folder in (start, *start.parents):
        own = folder / "factcheck.toml"
        if own.is_file():
            return own, _read_toml(own)
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _read_toml(project).get("tool", {}).get("factcheck")
            if table is not None:
                return project, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc


def load_settings(config_path: Path | None = None, cwd: Path | None = None, **overrides: Any) -> Settings:
    """Defaults < config file < command-line overrides (None values are ignored)."""
    settings = Settings()
    found = (config_path, _read_toml(config_path)) if config_path else find_config(cwd or Path.cwd())
    if found:
        path, table = found
        unknown = sorted(set(table) - _KNOWN)
        if unknown:
            raise ConfigError(f"{path}: unknown setting(s): {', '.join(unknown)}")
        settings = replace(settings, **table)
    settings = replace(settings, **{k: v for k, v in overrides.items() if v is not None})
    if settings.fail_on not in FAIL_ON_CHOICES:
        raise ConfigError(f"fail_on must be one of {', '.join(FAIL_ON_CHOICES)}, not {settings.fail_on!r}")
    return settings
