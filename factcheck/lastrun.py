"""Remember which paths the last `run` in this folder checked, so `resolve ID` needs no paths.

Like pytest's cache: a small JSON file under `.factcheck/` in the working directory.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from factcheck.errors import InputError

CACHE = Path(".factcheck") / "last-run.json"


def remember(paths: list[Path], cwd: Path | None = None) -> None:
    target = (cwd or Path.cwd()) / CACHE
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        (target.parent / ".gitignore").write_text("*\n", encoding="utf-8")
        target.write_text(json.dumps({"paths": [os.path.abspath(p) for p in paths]}, indent=2) + "\n", encoding="utf-8")
    except OSError:
        pass  # a read-only checkout still gets its report; only the shortcut is lost


def recall(cwd: Path | None = None) -> list[Path]:
    target = (cwd or Path.cwd()) / CACHE
    try:
        return [Path(p) for p in json.loads(target.read_text(encoding="utf-8"))["paths"]]
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(
            "no previous `factcheck run` in this folder; give the article paths, "
            "e.g. `factcheck resolve ID sources/ ...`"
        ) from None
