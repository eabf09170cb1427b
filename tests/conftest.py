from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import Settings
from factcheck.extract import load_pipeline

TESTS = Path(__file__).parent
CORPORA = TESTS / "corpora"
SHARED = TESTS.parent.parent / "shared"


@pytest.fixture(scope="session")
def pipeline():
    """The English model, loaded once for the whole test session."""
    return load_pipeline()


@pytest.fixture(scope="session")
def blank_pipeline():
    """No statistical model: what a user without one gets."""
    from factcheck.extract.nlp import LoadedPipeline, build_blank

    return LoadedPipeline(build_blank(), "blank", None)


@pytest.fixture
def settings() -> Settings:
    return Settings()
