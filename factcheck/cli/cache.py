"""`factcheck cache info` and `factcheck cache clear`: what the article cache holds, and emptying it."""

from __future__ import annotations

from pathlib import Path

import typer

from factcheck.cache import ArticleCache
from factcheck.cli.common import ConfigOpt, app, guarded, stdout_console
from factcheck.model import ExitCode

cache_app = typer.Typer(no_args_is_help=True, help="Show or empty the cache of analysed articles.")
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(config: ConfigOpt = None) -> None:
    """Where the cache is, how many articles it holds and its size on disk."""

    def body() -> ExitCode:
        from factcheck.config import load_settings

        with ArticleCache(Path(load_settings(config).cache_dir)) as store:
            info = store.info()
        stdout_console().print(
            f"{info.path}: {info.entries} article(s), {info.size_bytes / 1e6:.1f} MB", highlight=False, soft_wrap=True
        )
        return ExitCode.OK

    guarded(body)


@cache_app.command("clear")
def cache_clear(config: ConfigOpt = None) -> None:
    """Delete every cached article: the next run analyses them all again."""

    def body() -> ExitCode:
        from factcheck.config import load_settings

        with ArticleCache(Path(load_settings(config).cache_dir)) as store:
            removed = store.clear()
        stdout_console().print(
            f"removed {removed} cached article(s) from {store.path}", highlight=False, soft_wrap=True
        )
        return ExitCode.OK

    guarded(body)
