"""The article cache: one SQLite file under `.factcheck/cache/` mapping a key to an ArticleResult.

SQLite from the standard library rather than diskcache: one file, no new dependency, transactions
that keep two runs at once from corrupting it (WAL journal, a busy timeout), and values written by
our own codec instead of pickles. The cache is only ever a shortcut: an entry that cannot be read
is deleted and the article analysed again, and a cache that cannot be opened at all is replaced
or, failing that, switched off for the run with a warning.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.codec import CodecError, decode, encode
from factcheck.model import ArticleResult

DATABASE = "articles.sqlite3"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, value BLOB NOT NULL, stored REAL NOT NULL)",
    "CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)
"""articles: ArticleResults by analysis key; pages: what an HTML page's text, title, date and site
were read as (trafilatura takes longer than everything else a warm run does)."""
_BUSY_MS = 30_000


@dataclass(frozen=True)
class CacheInfo:
    """What `factcheck cache info` shows."""

    path: Path
    entries: int
    size_bytes: int


class ArticleCache:
    """Cached ArticleResults by key; every method degrades to "not cached" rather than failing."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / DATABASE
        self.warning: str | None = None
        self._db: sqlite3.Connection | None = None
        try:
            self._db = _open(self.path)
        except (OSError, sqlite3.Error):
            self._db = self._replaced()

    def _replaced(self) -> sqlite3.Connection | None:
        """A database file that is not one (or is damaged) is removed and made anew."""
        try:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return _open(self.path)
        except (OSError, sqlite3.Error) as exc:
            self.warning = f"cache switched off for this run: cannot open {self.path} ({exc})"
            return None

    def get_many(self, keys: Sequence[str]) -> dict[str, ArticleResult]:
        """The readable entries among `keys`; unreadable ones are deleted so they are recomputed."""
        if self._db is None or not keys:
            return {}
        found: dict[str, ArticleResult] = {}
        broken: list[str] = []
        try:
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                for key, blob in self._db.execute(f"SELECT key, value FROM articles WHERE key IN ({marks})", chunk):
                    try:
                        found[key] = decode(blob)
                    except CodecError:
                        broken.append(key)
        except sqlite3.Error:
            return {}
        if broken:
            self._write(lambda db: db.executemany("DELETE FROM articles WHERE key = ?", [(k,) for k in broken]))
        return found

    def put_many(self, entries: Iterable[tuple[str, ArticleResult]]) -> None:
        rows = []
        now = time.time()
        for key, result in entries:
            try:
                rows.append((key, encode(result), now))
            except (TypeError, ValueError):  # a value the codec cannot write is simply not cached
                continue
        if rows:
            self._write(lambda db: db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?, ?)", rows))

    def _write(self, action) -> None:
        if self._db is None:
            return
        try:
            with self._db:  # one transaction: readers never see half of it
                action(self._db)
        except sqlite3.Error as exc:
            self.warning = f"could not update the cache at {self.path} ({exc})"

    def get_page(self, key: str) -> tuple[str, str | None, str | None, str | None] | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM pages WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            text, title, written, site = json.loads(row[0])
            if not isinstance(text, str) or not all(x is None or isinstance(x, str) for x in (title, written, site)):
                raise ValueError("not a page")
            return text, title, written, site
        except (sqlite3.Error, ValueError, TypeError):
            self._write(lambda db: db.execute("DELETE FROM pages WHERE key = ?", (key,)))
            return None

    def put_page(self, key: str, page: tuple[str, str | None, str | None, str | None]) -> None:
        self._write(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?)", (key, json.dumps(list(page), ensure_ascii=False))
            )
        )

    def info(self) -> CacheInfo:
        entries = 0
        if self._db is not None:
            try:
                entries = self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                entries = 0
        size = (
            sum(p.stat().st_size for p in self.path.parent.glob(f"{DATABASE}*") if p.is_file())
            if self.path.parent.is_dir()
            else 0
        )
        return CacheInfo(self.path, entries, size)

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        count = self.info().entries
        self._write(lambda db: (db.execute("DELETE FROM articles"), db.execute("DELETE FROM pages")))
        if self._db is not None:
            try:
                self._db.execute("VACUUM")
            except sqlite3.Error:
                pass
        return count

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> ArticleCache:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    ignore = path.parent / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# factcheck's cache: safe to delete, never to commit\n*\n", encoding="utf-8")
    db = sqlite3.connect(path, timeout=_BUSY_MS / 1000)
    try:
        db.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        with db:
            for table in _SCHEMA:
                db.execute(table)
        db.execute("SELECT COUNT(*) FROM articles").fetchone()  # a damaged file fails here, not later
    except sqlite3.Error:
        db.close()
        raise
    return db
