"""Editors' decisions: a committed JSON file of audited conflicts, keyed by content, not position.

Each decision stores the evidence digest it was made on (the distinct values and the sources
behind them). When a later run finds different evidence for the same conflict id, the decision is
stale: shown with the old verdict, counted as unresolved again. The file is changed only through
`update`: under an exclusive lock, re-read, changed, written atomically with its mode kept. A file
we cannot read, or one made read-only, is never overwritten.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import stat
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import date
from enum import Enum
from pathlib import Path

from filelock import FileLock, Timeout

from factcheck import fingerprint
from factcheck.errors import LedgerError
from factcheck.model import GroupVerdict, Status

VERSION = 1
DEFAULT_FILE = "factcheck.decisions.json"


class Action(str, Enum):
    RESOLVE = "resolve"
    """The editor names the correct value; sources stating another value were wrong."""
    ACCEPT = "accept"
    """A real disagreement the publication acknowledges ("estimates vary")."""
    DISMISS = "dismiss"
    """Not the same fact: a grouping mistake (kept: the best test cases there are)."""

    @property
    def past(self) -> str:
        """ "resolved", "accepted", "dismissed": how reports and messages name a decided conflict."""
        return self.value + ("d" if self.value.endswith("e") else "ed")


class DecisionState(str, Enum):
    CURRENT = "current"
    STALE = "stale"
    ORPHANED = "orphaned"


@dataclass(frozen=True)
class Decision:
    conflict_id: str
    action: Action
    note: str
    by: str
    decided_on: str
    """ISO date; the only time stamp in the file, so it diffs cleanly."""
    evidence: str
    """Digest of the values and sources the editor saw."""
    subject: str = ""
    attribute: str = ""
    value: str | None = None
    """For `resolve`: the value the editor says is right."""
    values_seen: tuple[str, ...] = ()
    """The values side by side at decision time, for the stale display."""
    history: tuple[str, ...] = ()
    """Earlier decisions on this conflict, oldest first, one line each."""

    def summary(self) -> str:
        chosen = f" → {self.value}" if self.value else ""
        return f"{self.decided_on} {self.action.value}{chosen} by {self.by}: {self.note}"


@dataclass(frozen=True)
class Ledger:
    decisions: tuple[Decision, ...] = ()

    def get(self, conflict_id: str) -> Decision | None:
        return next((d for d in self.decisions if d.conflict_id == conflict_id), None)

    def with_decision(self, decision: Decision) -> Ledger:
        earlier = self.get(decision.conflict_id)
        if earlier is not None:  # a new verdict keeps the old ones as history
            decision = replace(decision, history=earlier.history + (earlier.summary(),))
        kept = tuple(d for d in self.decisions if d.conflict_id != decision.conflict_id)
        return Ledger(tuple(sorted(kept + (decision,), key=lambda d: d.conflict_id)))

    def without(self, conflict_ids: set[str]) -> Ledger:
        return Ledger(tuple(d for d in self.decisions if d.conflict_id not in conflict_ids))


@dataclass(frozen=True)
class Reviewed:
    """A conflict joined with its decision, if any."""

    verdict: GroupVerdict
    decision: Decision | None
    state: DecisionState | None

    @property
    def open(self) -> bool:
        """Undecided or stale: what the gate counts against publication."""
        return self.decision is None or self.state is DecisionState.STALE


def evidence_digest(verdict: GroupVerdict) -> str:
    """The distinct values and the sources behind each: what an editor's decision rests on."""
    pairs = sorted(f"{v.value.text}@{','.join(sorted(v.source_ids))}" for v in verdict.values)
    return fingerprint.digest_of(pairs)


def values_seen(verdict: GroupVerdict) -> tuple[str, ...]:
    return tuple(f"{v.value.text} ({', '.join(v.source_ids)})" for v in verdict.values)


def review(verdicts: tuple[GroupVerdict, ...], ledger: Ledger) -> tuple[Reviewed, ...]:
    """Join this run's conflicts with the decisions on file."""
    out = []
    for verdict in verdicts:
        if verdict.status is not Status.CONFLICT:
            continue
        decision = ledger.get(verdict.group.id)
        state = None
        if decision is not None:
            state = DecisionState.CURRENT if decision.evidence == evidence_digest(verdict) else DecisionState.STALE
        out.append(Reviewed(verdict, decision, state))
    return tuple(out)


def orphaned(verdicts: tuple[GroupVerdict, ...], ledger: Ledger) -> tuple[Decision, ...]:
    """Decisions whose conflict no longer exists."""
    live = {v.group.id for v in verdicts if v.status is Status.CONFLICT}
    return tuple(d for d in ledger.decisions if d.conflict_id not in live)


def decide(verdict: GroupVerdict, action: Action, note: str, by: str, on: date, value: str | None = None) -> Decision:
    return Decision(
        conflict_id=verdict.group.id,
        action=action,
        note=note,
        by=by,
        decided_on=on.isoformat(),
        evidence=evidence_digest(verdict),
        subject=verdict.group.subject,
        attribute=verdict.group.attribute,
        value=value,
        values_seen=values_seen(verdict),
    )


# ----------------------------------------------------------------------------- the file

LOCK_TIMEOUT_SECONDS = 10.0
"""How long a command waits for another one writing the same decisions file."""


def lock_path(path: Path) -> Path:
    """The lock file beside the decisions file (left in place: removing it would race)."""
    return path.with_name(f"{path.name}.lock")


def load(path: Path) -> Ledger:
    """An absent or empty file is an empty ledger; an unreadable one is an error, never silently replaced."""
    _refuse_folder(path)
    if not path.exists():
        return Ledger()
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if text.strip() else {"version": VERSION}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LedgerError(f"{path}: cannot read the decisions file ({exc}); fix or move it, it was not changed")
    if not isinstance(data, dict):
        raise LedgerError(f'{path}: not a decisions file (expected a JSON object with a "version"); it was not changed')
    if data.get("version") != VERSION:
        raise LedgerError(
            f"{path}: unknown decisions file version {data.get('version')!r} (this factcheck writes "
            f"{VERSION}); it was not changed"
        )
    try:
        decisions = tuple(
            Decision(
                conflict_id=cid,
                action=Action(entry["action"]),
                note=entry.get("note", ""),
                by=entry.get("by", ""),
                decided_on=entry["decided_on"],
                evidence=entry["evidence"],
                subject=entry.get("subject", ""),
                attribute=entry.get("attribute", ""),
                value=entry.get("value"),
                values_seen=tuple(entry.get("values_seen", ())),
                history=tuple(entry.get("history", ())),
            )
            for cid, entry in sorted(data.get("decisions", {}).items())
        )
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise LedgerError(f"{path}: malformed decision ({exc}); it was not changed")
    return Ledger(decisions)


def dumps(ledger: Ledger) -> str:
    entries = {}
    for decision in ledger.decisions:
        entry = asdict(decision)
        entry.pop("conflict_id")
        entry["action"] = decision.action.value
        entry["values_seen"] = list(decision.values_seen)
        entry["history"] = list(decision.history)
        if not entry["history"]:
            entry.pop("history")
        if entry["value"] is None:
            entry.pop("value")
        entries[decision.conflict_id] = entry
    return json.dumps({"version": VERSION, "decisions": entries}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def update(path: Path, change: Callable[[Ledger], Ledger], timeout: float = LOCK_TIMEOUT_SECONDS) -> Ledger:
    """Apply `change` to the decisions on disk now, under an exclusive lock, and save the result.

    Every writer goes through here: re-reading inside the lock is what keeps both decisions when
    two commands record at the same moment (each would otherwise save its own stale copy)."""
    path = path.resolve()
    check_writable(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(lock_path(path), timeout=timeout):
            current = load(path)
            changed = change(current)
            if changed != current:
                save(path, changed)
            return changed
    except Timeout:
        raise LedgerError(
            f"{path}: another factcheck command has been writing it for over {timeout:g} s "
            f"(lock {lock_path(path).name}); try again when it is done"
        ) from None
    except OSError as exc:
        raise LedgerError(
            f"{path}: cannot write the decisions file ({exc.strerror or exc}); it was not changed"
        ) from exc


def save(path: Path, ledger: Ledger) -> None:
    """Write atomically (temporary file in the same folder, then rename), keeping the file's mode.

    Callers that may race with another command use `update`, which holds the lock around this."""
    path = path.resolve()
    check_writable(path)
    before = path.stat() if path.exists() else None
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # 0o666 less the umask, as any new file; an existing file's own mode and owner are kept below
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(dumps(ledger))
            out.flush()
            os.fsync(out.fileno())
        if before is not None:
            os.chmod(temporary, stat.S_IMODE(before.st_mode))
            with contextlib.suppress(OSError):  # only root may give a file away; others keep their own
                os.chown(temporary, before.st_uid, before.st_gid)
        os.replace(temporary, path)
    except OSError as exc:
        raise LedgerError(
            f"{path}: cannot write the decisions file ({exc.strerror or exc}); it was not changed"
        ) from exc
    finally:
        temporary.unlink(missing_ok=True)  # gone after the rename; removed on every failure, ^C included


def check_writable(path: Path) -> None:
    """Refuse a folder or a read-only file. Mode bits, not os.access: root may write anything,
    and a read-only decisions file is someone saying "do not change this"."""
    _refuse_folder(path)
    existing = path.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise LedgerError(
            f"{path}: cannot write the decisions file there: {existing} is not a folder; "
            "give another path with --decisions"
        )
    if path.exists() and not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise LedgerError(
            f"{path}: the decisions file is read-only (mode {stat.S_IMODE(path.stat().st_mode):04o}); "
            "make it writable (chmod u+w) to record decisions; it was not changed"
        )


def _refuse_folder(path: Path) -> None:
    if path.is_dir():
        raise LedgerError(f"{path}: is a folder, not a decisions file; give a file path with --decisions")


def find_conflict(query: str, ids: list[str]) -> str:
    """An id given in full or by unique prefix; otherwise an error naming the closest ids."""
    if query in ids:
        return query
    matches = [i for i in ids if i.startswith(query)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise LedgerError(
            f"{query!r} matches {len(matches)} conflicts ({', '.join(sorted(matches)[:5])}); give more of the id"
        )
    import difflib

    close = difflib.get_close_matches(query, ids, n=3, cutoff=0.3)
    hint = (
        f"; closest: {', '.join(close)}"
        if close
        else (f"; open conflicts: {', '.join(sorted(ids)[:5])}" if ids else "")
    )
    raise LedgerError(f"no conflict with id {query!r}{hint}")
