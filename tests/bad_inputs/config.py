"""Settings files with wrong types, values out of range, unknown keys or broken TOML.

Each is exit 2 before any article is read, with one line per problem naming the file, the key,
the value given and what is allowed. The article says "roughly" so a tolerance accepted by
mistake would be used (an approx_tolerance of "lots" once was, as a TypeError traceback).
"""

from __future__ import annotations

from tests.bad_inputs import SENTENCE, Case, json_run, write

ARTICLE = f"Sales rose roughly 5% this year.\n{SENTENCE}\n"


def _toml(name: str, content: str | bytes, *expected: str, file: str = "factcheck.toml") -> Case:
    def build(folder):
        write(folder, file, content)
        write(folder, "in/a.txt", ARTICLE)
        return json_run(folder, folder / "in")

    return Case(name, build, exit_code=2, stderr=(f"{file}: ", *expected))


def _config_option(name: str, make, expected: str) -> Case:
    def build(folder):
        write(folder, "in/a.txt", ARTICLE)
        return json_run(folder, folder / "in", extra=("--config", str(make(folder))))

    return Case(name, build, exit_code=2, stderr=(expected,))


def _every_key(folder):
    write(
        folder,
        "factcheck.toml",
        "approx_tolerance = 0\nnearly_tolerance = 1\nsubject_similarity = 100\n"
        'attribute_similarity = 0\nfail_on = "stale"\ndecisions = "d.json"\nmax_article_mb = 1\n'
        '[aliases]\nAlphabet = ["Google"]\n',
    )
    write(folder, "in/a.txt", ARTICLE)
    return json_run(folder, folder / "in")


def _every_key_kept(report):
    config = report["config"]
    assert config["max_article_mb"] == 1.0 and config["aliases"] == {"Alphabet": ["Google"]}, config
    assert config["fail_on"] == "never"  # the command line wins over the file


CASES = [
    _toml(
        "config-string-tolerance",
        'approx_tolerance = "lots"\n',
        'approx_tolerance = "lots": expected a number from 0 to 1',
    ),
    _toml(
        "config-negative-tolerance",
        "approx_tolerance = -0.1\n",
        "approx_tolerance = -0.1: expected a number from 0 to 1",
    ),
    _toml("config-tolerance-above-one", "nearly_tolerance = 1.5\n", "nearly_tolerance = 1.5"),
    _toml("config-tolerance-nan", "approx_tolerance = nan\n", "approx_tolerance = NaN", "finite"),
    _toml("config-bool-for-number", "approx_tolerance = true\n", "approx_tolerance = true: expected a number"),
    _toml(
        "config-similarity-out-of-range",
        "subject_similarity = 150\n",
        "subject_similarity = 150: expected a whole number from 0 to 100",
    ),
    _toml("config-similarity-fraction", "attribute_similarity = 80.5\n", "attribute_similarity = 80.5"),
    _toml("config-fail-on-bogus", 'fail_on = "bogus"\n', 'fail_on = "bogus": expected one of conflict, stale, never'),
    _toml("config-unknown-key", "tolerance = 3\n", "unknown key tolerance = 3", "known keys: approx_tolerance"),
    _toml("config-misspelt-key", "approx_tolerence = 0.2\n", "did you mean approx_tolerance?"),
    _toml("config-bad-toml", "approx_tolerance = \n", "cannot read config", "line 1"),
    _toml("config-not-utf8", b'model = "\xff"\n', "cannot read config"),
    _toml("config-aliases-not-a-table", 'aliases = ["Google"]\n', 'aliases = ["Google"]: expected a table'),
    _toml("config-alias-not-a-list", '[aliases]\nAlphabet = "Google"\n', 'aliases.Alphabet = "Google"'),
    _toml(
        "config-max-article-mb-zero",
        "max_article_mb = 0\n",
        "max_article_mb = 0: expected a number of megabytes above 0",
    ),
    _toml("config-max-article-mb-string", 'max_article_mb = "5MB"\n', 'max_article_mb = "5MB"'),
    _toml("config-empty-decisions-path", 'decisions = ""\n', 'decisions = "": expected a file path'),
    _toml(
        "config-several-problems",
        'approx_tolerance = "lots"\nfail_on = "x"\ncolour = 1\n',
        "approx_tolerance",
        "fail_on",
        "unknown key colour",
    ),
    _toml(
        "pyproject-bad-value",
        "[tool.factcheck]\nsubject_similarity = -1\n",
        "subject_similarity = -1",
        file="pyproject.toml",
    ),
    _toml(
        "pyproject-tool-factcheck-not-a-table",
        "[tool]\nfactcheck = 3\n",
        "tool.factcheck = 3: expected a table",
        file="pyproject.toml",
    ),
    _config_option(
        "config-option-missing-file",
        lambda folder: folder / "missing.toml",
        "missing.toml: cannot read config: No such file",
    ),
    _config_option("config-option-is-a-folder", lambda folder: folder, "cannot read config: Is a directory"),
    Case("config-every-key-valid", _every_key, exit_code=0, check=_every_key_kept),
]
