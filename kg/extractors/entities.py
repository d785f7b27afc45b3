"""Typed entities from spaCy: statistical NER mapped to the six classes, and the gazetteer.

Spans are trimmed of articles, possessives and stray function words; an organisation the
place gazetteer knows, or a span headed by "Municipality", becomes a Location, and so do
the places coordinated with it ("Stranda and Rauma Municipalities").
"""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Span

from kg import geo
from kg.extractors import register
from kg.extractors.common import cue, cue_union, stands_in
from kg.extractors.locative import filming_cue
from kg.nlp import BULLETS
from kg.names import given_name_gender, initialled_name, korean_style_name, person_name_parts, reads_as_full_name
from kg.types import ArticleContext, Mention

NER_CLASSES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "LOC": "Location", "FAC": "Location"}
NER_CONFIDENCE = {"Person": 0.8, "Organization": 0.6, "Location": 0.8}
GAZETTEER_CLASSES = {"PLATFORM": "Platform", "KG_ORG": "Organization"}
STRIP_SUFFIXES = {"municipality", "municipalities"}
SPLITTING_PREPOSITIONS = {"in", "at", "opposite", "as", "on", "for", "with", "from", "by", "alongside"}


def trim(span: Span) -> Span | None:
    """Drop leading lower-case determiners, a person's descriptor ("Newcomer Gabriel
    LaBelle", "Superstar Rajinikanth") and trailing possessives, punctuation, prepositions
    and hyphenated suffixes ("-led")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ in ("a", "an") or (doc[start].lower_ == "the" and doc[start].is_lower) or doc[start].pos_ == "PRON"):
        start += 1
    while end - start > 1 and span.label_ in ("PERSON", "ORG") and doc[start + 1].is_title and (
            doc[start].lemma_.lower() in cue_union("role_nouns", "person_descriptors")):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in ("'s", "’s") or doc[end - 1].pos_ in ("ADP", "CCONJ")):
        end -= 1
    if end - start > 2 and doc[end - 2].text == "-" and doc[end - 1].lemma_.lower() in cue("credit_suffixes"):
        end -= 2  # "Robert Pattinson-led", "the Prabhas-starrer"
    for i in range(start + 1, end - 1):  # "Centennial Hall in Wrocław", "Reynolds in Free Guy": two names
        if doc[i].lower_ in SPLITTING_PREPOSITIONS:
            end = i
            break
    return doc[start:end] if end > start else None


def joined_person_names(ents) -> list[Span]:
    """"Dulquer Salmaan", which NER reads as the company "Dulquer" and the person
    "Salmaan": one capitalised word NER calls a company, right before its person, is the
    person's first name."""
    joined: list[Span] = []
    for ent in ents:
        before = joined[-1] if joined else None
        if (before is not None and ent.label_ == "PERSON" and before.label_ == "ORG" and len(before) == 1
                and before.end == ent.start and before[0].is_title and before[0].whitespace_):
            joined[-1] = Span(ent.doc, before.start, ent.end, label="PERSON")
        else:
            joined.append(ent)
    return joined


def split_possessive(ent: Span) -> list[Span]:
    """"Atlas Entertainment’s Charles Roven", "HBO’s Chernobyl": two names, the owner and
    the owned (a person, or a title left to the titles extractor)."""
    for token in ent[1:-1]:
        if token.tag_ != "POS":
            continue
        if ent[0].text == "The" and token.i == ent.start + 2:
            return [Span(ent.doc, ent.start, ent.end, label="WORK_OF_ART")]  # "The King's Man": nobody's name starts with "The"
        owner, owned = Span(ent.doc, ent.start, token.i, label=ent.label_), ent.doc[token.i + 1:ent.end]
        if looks_like_person(owned):
            return [owner, Span(ent.doc, owned.start, owned.end, label="PERSON")]
        if ent[0].lower_ not in ("st", "st.", "saint") and owned[-1].lower_ not in cue("facility_words"):
            return [owner, Span(ent.doc, owned.start, owned.end, label="WORK_OF_ART")]  # "HBO’s Chernobyl": titles decide
    return [ent]  # "St George's Hall" is one name


def name_shaped(span: Span) -> bool:
    """Two or three capitalised words (a hyphenated part may be lower case: "Bong Joon-ho")
    with no company word in them: a name that may be a person's."""
    words = [t for t in span if t.is_alpha]
    return 2 <= len(words) <= 3 and all(t.is_title for t in words if t.i == span.start or span.doc[t.i - 1].text != "-") and not any(
        t.lower_ in cue("organization_words") or t.lower_ in cue("company_name_words") for t in words)


def named_person_elsewhere(span: Span) -> bool:
    """A two- or three-word name whose last word NER calls a person elsewhere in the article
    ("Celine Song's Past Lives" ... "playwright Song"), with no company word in it."""
    if not name_shaped(span):
        return False
    last = [t for t in span if t.is_alpha][-1].text
    return any(e.label_ == "PERSON" and e.text.split()[-1] == last for e in span.doc.ents if e.start != span.start)


def in_tag(span: Span) -> bool:
    """Part of a hashtag or @handle (those are read by the hashtags extractor)."""
    if span.text.startswith(("#", "@")):
        return True
    before = span.doc[span.start - 1] if span.start > 0 else None  # the token, not Doc.text, which is rebuilt per call
    return before is not None and before.text.endswith(("#", "@")) and not before.whitespace_


def looks_like_person(span: Span) -> bool:
    """Two to four capitalised words starting with a known first name, no company or place word."""
    if korean_style_name(span.text):
        return True
    words = [t for t in span if not t.is_punct]
    return (
        2 <= len(words) <= 4
        and all(t.text[:1].isupper() or 0 < i < len(words) - 1 and t.lower_ in cue("name_particles") for i, t in enumerate(words))
        and given_name_gender(words[0].text) is not None
        and not any(t.lower_ in cue("organization_words") or t.lower_ in cue("facility_words") for t in words)
        and geo.lookup(span.text) is None
    )


def place_shaped(span: Span) -> bool:
    """"River Wye", "Castle Leoch", "Torr Head", "William Brown Street": a name its first
    or last word makes a place, whatever NER says; "Diane Lane" (a first name and one
    more word) stays a person."""
    words = [t.lower_ for t in span if not t.is_punct]
    if len(words) < 2:
        return False
    if words[0] in cue("place_lead_words"):
        return True
    return words[-1] in cue("place_end_words") and not (len(words) == 2 and given_name_gender(span[0].text))


def is_facility(span: Span) -> bool:
    """A named facility: "Origo Studios", "Studio Babelsberg", "Drayton House"."""
    return len(span) > 1 and (span[-1].lower_ in cue("facility_words") or span[0].lower_ == "studio")


def is_studio(span: Span) -> bool:
    """"Studio Babelsberg", "Trilith Studios": never a person, whatever NER says (surnames
    like Hall or Park make other facility words unsafe; cues.json lists the safe ones as
    place_only_words: "George Square")."""
    return len(span) > 1 and (span[0].lower_ == "studio" or span[-1].lower_ in ("studios", "soundstages", "backlot"))


def is_studio_lot(span: Span) -> bool:
    """"Fox Studios Australia", "Warner Bros. Studios Leavesden": studios named after their
    place are the lot, not the company; so is a "Film City"."""
    words = [t.lower_ for t in span]
    return len(span) > 2 and ("studios" in words[1:-1] and geo.lookup(span[-1].text) is not None or words[-2:] == ["film", "city"])


def is_company_name(span: Span) -> bool:
    """A name with a company word after its first word ("Moho Film", "Les Films Pelléas");
    a studio is left to the facility rules."""
    return len(span) > 1 and any(t.lower_ in cue("company_name_words") and t.lower_ not in ("studio", "studios") for t in span[1:]) and (
        span[-1].lower_ not in cue("facility_words") | {"city"})  # "Ramoji Film City" is a place


def place_agency(span: Span) -> bool:
    """"Visit Bath", "Screen Scotland", "Film London", "Northern Ireland Screen", "Tourism
    NI": a place's tourism or screen agency, named by the place and one agency word."""
    words = [t for t in span if not t.is_punct]
    if len(words) < 2:
        return False
    agency = cue("place_agency_words")
    return (words[0].lower_ in agency and geo.lookup(span[1:].text) is not None
            or words[-1].lower_ in agency and geo.lookup(span[:-1].text) is not None)


def named_as_place(span: Span) -> bool:
    """"the island of Mallorca", "the town of Kalkara": the text says what it is; "Richmond
    Green doubled as Ted's commute": what stands in for another place on screen is one."""
    root = span.root
    if stands_in(root) is not None:
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in cue("place_nouns") and (
        root.head.head.lemma_.lower() not in ("area", "streets", "capital", "heart", "centre", "center", "ruins"))


def in_place_position(span: Span) -> bool:
    """"in Rome", "the island of Mallorca", "Altivole, Italy", "including Attard, Senglea
    and Mdina" after a place: a place by its position."""
    root = span.root
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
        root = root.head
    return root.dep_ == "pobj" and (root.head.lower_ in cue("locative_place_preps") or root.head.lower_ in ("including", "like")) or (
        named_as_place(span) or followed_by_region(span))


def filmed_at(span: Span) -> bool:
    """"cameras rolled at Cala Llamp", "crews worked out at Silverton": what a filming cue
    governs through "in", "at", "near" or "to" is a place, whatever NER calls it; not "filming
    on X", which may be the film, nor "shot by X", nor a name with a known first name."""
    root = span.root
    first = root
    while first.dep_ in ("conj", "appos") and first.head.i != first.i:
        first = first.head
    if first.dep_ != "pobj" or first.head.lower_ not in cue("locative_place_preps") - {"on", "from"} or reads_as_full_name(
            span.text) or given_name_gender(span[0].text):
        return False
    return filming_cue(root) is not None


def given_surnames(mentions: list[Mention]) -> set[str]:
    """Last names of the people named with a known first name ("Peter Jackson"): a lone
    "Jackson" is him even though the place gazetteer knows a Jackson; "Auckland" of NER's
    person "Auckland Unlimited" stays the city."""
    return {m.text.split()[-1] for m in mentions if m.cls == "Person" and reads_as_full_name(m.text)}


def followed_by_region(span: Span) -> bool:
    """"Wadi Rum, Jordan": a name followed by a comma and a country or region the place
    gazetteer knows is a place in it."""
    doc, i = span.doc, span.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return False
    region = next((e for e in doc.ents if e.start == i + 1 and e.label_ == "GPE"), None)
    return region is not None and geo.lookup(region.text) is not None


def is_facility_place(span: Span) -> bool:
    """"Origo Studios" in "shot at Origo Studios": a named facility used as a place."""
    root = span.root
    return is_facility(span) and root.dep_ == "pobj" and root.head.lower_ in cue("locative_place_preps")


CHARACTER_AS_HEADS = {"cast", "star", "return", "play", "appear", "join", "reprise", "debut", "tap", "set", "back",
                      "role", "turn", "part", "lead", "voice", "recast", "co-star", "feature", "narrate"}


def follows_in_plot(verb) -> bool:
    """"a spy thriller that follows Cassian Andor": whom a story follows is a character (but
    a documentary follows real people)."""
    if verb.lemma_.lower() != "follow":
        return False
    story = verb.head if verb.dep_ == "relcl" else next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return story is not None and story.lemma_.lower() in cue_union("film_nouns", "genre_nouns") - {"documentary", "docuseries"}


def joins_cast(token) -> bool:
    """The name is what a cast-joining verb takes: "is joined by David Harbour (Red
    Guardian), Sebastian Stan (Bucky Barnes)", "the series adds X (Y)"."""
    node = token
    while node.dep_ in ("conj", "appos", "pobj", "agent", "prep", "dobj", "compound") and node.head.i != node.i:
        node = node.head
        if node.pos_ == "VERB":
            return node.lemma_.lower() in cue("cast_joining") or node.lemma_.lower() == "add"
    return False


def character_names(doc) -> frozenset[str]:
    """Names of fictional characters: "X plays Y", "cast as Y", "Y, played by X", "Y (X)".

    Characters are not people of the graph; their names are left out. Found once per
    document (the entity and title extractors both ask).
    """
    if "kg_characters" in doc.user_data:
        return doc.user_data["kg_characters"]
    names = set()
    for token in doc:
        head = token.head
        is_role_object = token.dep_ == "dobj" and (head.lemma_.lower() in ("play", "portray", "voice") or follows_in_plot(head))
        is_as_object = token.dep_ == "pobj" and head.lower_ == "as" and (
            head.head.lemma_.lower() in CHARACTER_AS_HEADS
            or head.head.ent_type_ == "PERSON"  # "Nathan Fillion as Guy Gardner", "back as Valkyrie", "a turn as Zeus"
            or doc[head.i - 1].ent_type_ == "PERSON" and head.head.dep_ == "pobj")  # "... and Rachel Brosnahan as Lois Lane", however it parses
        played_by = token.dep_ in ("nsubj", "nsubjpass", "appos") and any(
            c.dep_ == "acl" and c.lemma_.lower() in ("play", "portray", "voice") for c in token.children)
        actor_in_brackets = token.i + 2 < len(doc) and doc[token.i + 1].text == "(" and doc[token.i + 2].ent_type_ == "PERSON"
        if actor_in_brackets and joins_cast(token):
            names.update(e.text for e in doc.ents if e.start == token.i + 2 and e.label_ == "PERSON")
            continue  # "is joined by Sebastian Stan (Bucky Barnes)": the part is in the brackets
        if (is_role_object or is_as_object or played_by or actor_in_brackets) and token.pos_ == "PROPN":
            named = next((e for e in doc.ents if e.start <= token.i < e.end), None) if token.ent_type_ in ("PERSON", "ORG") else None
            if named is not None:
                names.add(named.text[4:] if named.text.startswith("the ") else named.text)  # 'Major Gale "Buck" Cleven', "the Man of Steel"
            start = token.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
                start -= 1
            if token.ent_type_ == "PERSON" or token.is_title:
                names.add(doc[start:token.i + 1].text)
    doc.user_data["kg_characters"] = frozenset(names)
    return doc.user_data["kg_characters"]


def shared_surname(span: Span) -> str | None:
    """"Matt and Ross Duffer", "Anthony and Joe Russo": a first name alone, then "and" and a
    full name, shares its surname ("Matt Duffer"); "Joseph Quinn and Fred Hechinger" is two
    full names."""
    doc = span.doc
    if len(span) != 1 or not given_name_gender(span.text) or span.end + 2 >= len(doc) or doc[span.end].lower_ != "and":
        return None
    if span.start > 0 and (doc[span.start - 1].is_title and doc[span.start - 1].pos_ == "PROPN" or doc[span.start - 1].text == "("):
        return None  # nor a part in brackets: "Lewis Pullman (Bob and Geraldine Viswanathan ..."
    first, last = doc[span.end + 1], doc[span.end + 2]
    following = doc[span.end + 3] if span.end + 3 < len(doc) else None
    if not (given_name_gender(first.text) and last.ent_type_ == "PERSON" and last.is_title) or (
            following is not None and following.is_title and following.pos_ == "PROPN"):
        return None
    return f"{span.text} {last.text}"


def mention(ctx: ArticleContext, span: Span, cls: str, extractor: str, confidence: float) -> Mention:
    sent = span.sent
    return Mention(span.text, cls, span.start_char, span.end_char, ctx.evidence(sent, extractor, confidence))


def place_parts(span: Span) -> list[Span] | None:
    """For "Stranda and Rauma Municipalities": the places, without the suffix they share."""
    last = span[-1]
    if last.lower_ not in cue("place_suffixes"):
        return None
    parts = [span[:-1] if last.lower_ in STRIP_SUFFIXES and len(span) > 1 else span]
    doc, i = span.doc, span.start - 1
    while i > 0 and doc[i].lower_ in ("and", ",", "&") and doc[i - 1].pos_ == "PROPN":
        end = i
        i -= 1
        while i > 0 and doc[i - 1].pos_ == "PROPN":
            i -= 1
        parts.append(doc[i:end])
        i -= 1
    return parts


def strip_role_words(span: Span) -> Span:
    """"Actress Hayley Atwell" -> "Hayley Atwell": NER sometimes takes the title in."""
    start = span.start
    while start < span.end - 1 and any(span.doc[start].lower_ in cue(words) for words in ("role_nouns", "journalist_nouns", "name_titles")):
        start += 1
    return span.doc[start:span.end]


@register
class SpacyEntities:
    """spaCy's statistical NER, mapped to Person, Organization and Location."""

    name = "ner"
    description = "spaCy named entities mapped to Person/Organization/Location (titles are the titles extractor's)"

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        found = list(self.typed_entities(ctx))
        name_parts = person_name_parts(m.text for m in found if m.cls == "Person")
        surnames = given_surnames(found)
        last_words = {m.text.split()[-1] for m in found if m.cls == "Person" and " " in m.text}
        for m in found:  # NER often types a lone surname as a place or company
            if m.cls in ("Organization", "Location") and m.text in name_parts and not (
                    m.cls == "Location" and geo.lookup(m.text) and m.text not in surnames):
                m = Mention(m.text, "Person", m.start, m.end, m.evidence)
            if m.cls == "Person" and " " not in m.text and m.text not in last_words and (
                    full := shared_surname(ctx.doc.char_span(m.start, m.end))):
                m = Mention(full, "Person", m.start, m.end, m.evidence)
            yield m

    def typed_entities(self, ctx: ArticleContext) -> Iterator[Mention]:
        characters = character_names(ctx.doc)
        for ent in (part for e in joined_person_names(ctx.doc.ents) for part in split_possessive(e)):
            cls = NER_CLASSES.get(ent.label_)
            if cls is None and ent.label_ in ("PRODUCT", "WORK_OF_ART", "NORP", "EVENT") and followed_by_region(ent):
                cls = "Location"  # "traveled to Altivole, Italy", whatever NER calls Altivole
            span = trim(ent) if cls else None
            if span is None or in_tag(span) or not any(t.is_alpha for t in span) or span.text in characters:
                continue
            pair = re.fullmatch(r"(\w+) and (\w+) (\w+)", span.text)
            if pair and given_name_gender(pair[1]) and given_name_gender(pair[2]):
                first = mention(ctx, span[:1], "Person", self.name, NER_CONFIDENCE["Person"])
                yield Mention(f"{pair[1]} {pair[3]}", "Person", first.start, first.end, first.evidence)
                yield mention(ctx, span[2:], "Person", self.name, NER_CONFIDENCE["Person"])
                continue  # NER's one company "Lana and Lilly Wachowski": two people of one surname
            if span[-1].lower_ in cue("award_words") and cls == "Organization":
                continue  # "Silver Bear Grand Jury Prize", "the Gotham Awards": an honour, not a company
            parts = place_parts(span)
            if parts:
                for part in parts:
                    yield mention(ctx, part, "Location", self.name, 0.8)
                continue
            confidence = NER_CONFIDENCE[cls]
            if cls in ("Organization", "Location") and looks_like_person(span) and not followed_by_region(span):
                cls = "Person"
            elif cls == "Organization" and owner_of_film(span):
                cls = "Person"  # "Baz Luhrmann's Elvis"
            elif cls == "Organization" and performs(span):
                cls = "Person"  # "with Lashana Lynch playing Bianca Pullman"
            elif cls == "Organization" and named_person_elsewhere(span):
                cls = "Person"  # "Celine Song's Past Lives" ... "playwright Song"
            elif cls in ("Organization", "Person") and (named_as_place(span) or filmed_at(span)):
                cls = "Location"
            elif cls == "Organization" and (geo.lookup(span.text) or is_facility_place(span) or is_facility(span) and not is_studio(span) or is_studio_lot(span)):
                cls = "Location"  # a studio is a company unless the text shoots "at" or "in" it
            elif cls == "Organization" and len(span) == 1 and span[0].is_title:
                if given_name_gender(span.text):
                    continue  # a first name alone is no company
                if ctx.article.text.count(span.text) < 2:
                    confidence = 0.45  # one capitalised word NER calls an organisation, seen once: weak
            elif cls == "Location" and len(span) == 1 and geo.lookup(span.text) is None and not in_place_position(span):
                if given_name_gender(span.text):
                    continue  # "Margot", "Marcus": a first name NER took for a place
                confidence = 0.45  # one word the place gazetteer does not know, in no place position: weak
            elif cls == "Person" and (is_studio(span) or len(span) > 1 and span[-1].lower_ in cue("place_only_words") and not among_people(span) or (
                    len(span) == 1 and geo.lookup(span.text) and not given_name_gender(span.text))):
                cls = "Location"
            if cls in ("Person", "Organization") and place_shaped(span) and not is_company_name(span):
                cls = "Location"
            elif cls in ("Organization", "Location") and (initialled_name(span.text) or after_role_noun(span) and len(span) <= 3 or listed_with_person(span) and not filmed_at(span)):
                cls = "Person"
            if place_agency(span):
                cls = "Organization"
            elif cls == "Person" and span[-1].lower_ in cue("organization_words"):
                cls = "Organization"  # "Kilter Films" is a company whatever NER says
            elif cls in ("Person", "Location") and is_company_name(span):
                cls = "Organization"  # "Les Films de Pierre", "Mer Film"
            if cls == "Person":
                span = strip_role_words(span)
                if not any(t.is_title or t.is_upper for t in span) or span[-1].like_num:
                    continue  # "John Wick 4" is a sequel, not a person
            yield mention(ctx, span, cls, self.name, confidence if cls != "Person" else NER_CONFIDENCE[cls])


@register
class Gazetteer:
    """Platforms, studios, streamers and publications from ontology/patterns/gazetteer.jsonl."""

    name = "gazetteer"
    description = "known platforms (Instagram, TikTok ...) and studios, streamers, publications"

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        for ent in ctx.doc.ents:
            cls = GAZETTEER_CLASSES.get(ent.label_)
            if cls and not in_tag(ent):
                yield mention(ctx, ent, cls, self.name, 0.95)


def listed_with_person(span: Span) -> bool:
    """"Achyuth Kumar and Pramod Shetty": a two- or three-word name coordinated with NER's
    person, with no place the gazetteer knows and no company or place word, is one too."""
    root = span.root
    if not 2 <= len(span) <= 3 or geo.lookup(span.text) or place_shaped(span) or is_company_name(span) or any(
            t.lower_ in cue("organization_words") or t.lower_ in cue("facility_words") for t in span):
        return False
    partners = [*root.conjuncts, *(c for c in root.children if c.dep_ == "appos")]
    return any(t.ent_type_ == "PERSON" and t.pos_ == "PROPN" for t in partners)


def among_people(span: Span) -> bool:
    """"is joined by David Harbour, Sebastian Stan and Wyatt Russell": a first name and a
    place word in a list of NER's people is one of them, not "George Square"."""
    return len(span) == 2 and given_name_gender(span[0].text) is not None and any(
        t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and t.lower_ not in cue("place_only_words") for t in span.root.conjuncts)


def names_follow(token) -> bool:
    """A role noun a name follows in news: "actress Revathi", "star Yash", "director Atlee"."""
    return token.pos_ == "NOUN" and (token.lower_ in cue("role_nouns") or token.lower_ in cue_union("name_titles", "name_slot_nouns"))


def after_role_noun(span: Span) -> bool:
    """Right after a role noun (see ``names_follow``)."""
    return span.start > 0 and names_follow(span.doc[span.start - 1])


@register
class TitledNames:
    """People NER misses after a role noun: "actress Revathi", "director Atlee", "composer
    R. Parthiban" (one-word and initialled names are common in Indian film news), and at the
    head of a cast-list item ("- Emma Corrin as Cassandra Nova")."""

    name = "titled_names"
    description = "people named right after a role noun (actress, director, composer ...) that NER misses"

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        doc = ctx.doc
        for token in doc[:-1]:
            if token.ent_type_ or not names_follow(token):
                continue
            end = token.i + 1
            while end < len(doc) and end - token.i <= 3 and doc[end].pos_ == "PROPN" and (doc[end].is_title or re.fullmatch(r"[A-Z]\.", doc[end].text)) and (
                    doc[end].ent_type_ in ("", "NORP")):  # NER's "R. Parthiban" is a nationality
                end += 1
            span = doc[token.i + 1:end]
            if not len(span) or not span[-1].is_alpha or any(t.lower_ in cue("organization_words") for t in span) or geo.lookup(span.text):
                continue
            if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
                continue  # the name goes on into something else ("director Atlee Kumar's ..." with NER's PERSON)
            yield mention(ctx, span, "Person", self.name, 0.75)
        for sent in doc.sents:
            span = cast_list_name(sent)
            if span is not None:
                yield mention(ctx, span, "Person", self.name, 0.75)


def cast_list_name(sent: Span) -> Span | None:
    """"- Emma Corrin as Cassandra Nova": the name heading a list item that gives a part,
    which NER misses after the bullet."""
    doc = sent.doc
    if len(sent) < 4 or sent[0].text not in BULLETS:
        return None
    end = sent.start + 1
    while end < sent.end and doc[end].is_title and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
        end += 1
    if not 2 <= end - sent.start - 1 <= 3 or end >= sent.end or doc[end].lower_ != "as":
        return None
    return doc[sent.start + 1:end]


def owner_of_film(span: Span) -> bool:
    """"Baz Luhrmann's Elvis", "Bong Joon-ho's Parasite", "Eggers' Viking epic": two or
    three capitalised words owning a title or a film noun, which film news writes for a
    filmmaker; no company, facility or place word, and no place the gazetteer knows."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].tag_ != "POS" or span[-1].dep_ != "poss":
        return False
    if not name_shaped(span) or geo.lookup(span.text) or any(t.lower_ in cue("facility_words") for t in span):
        return False
    owned = span[-1].head
    if not (owned.lemma_.lower() in cue_union("film_nouns", "genre_nouns") or (
            owned.pos_ == "PROPN" and owned.is_title and owned.ent_type_ not in ("PERSON", "GPE", "LOC", "FAC", "KG_ORG", "PLATFORM"))):
        return False
    return reads_as_full_name(span.text) or surname_alone_elsewhere(span)  # not "Star Wars' Andor" or "Top Gun's Maverick"


def performs(span: Span) -> bool:
    """Two or three capitalised words, no company word, as the subject of a verb only people
    do on a film ("with Lashana Lynch playing Bianca", "Baz Luhrmann directs"); companies
    produce, finance and release, so those verbs say nothing."""
    root = span.root
    return name_shaped(span) and root.dep_ == "nsubj" and root.head.lemma_.lower() in cue("performing_verbs") and geo.lookup(span.text) is None


def surname_alone_elsewhere(span: Span) -> bool:
    """The name's last word used on its own elsewhere in the article ("Luhrmann"), as
    news does for a person after the full name."""
    last = span[-1]
    return any(t.text == last.text and t.i != last.i and (t.i == 0 or t.doc[t.i - 1].text != span[-2].text) for t in span.doc)


@register
class FilmOwners:
    """Filmmakers NER misses or calls a company, named as a film's owner ("Baz Luhrmann's
    Elvis"): the possessive is how film news credits a director."""

    name = "film_owners"
    description = "people NER misses before a film they own: \"Bong Joon-ho's Parasite\""

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        doc = ctx.doc
        for token in doc:
            if token.tag_ != "POS" or token.i < 2:
                continue
            start = token.i - 1
            while start > 0 and token.i - start < 5 and (doc[start - 1].is_title or doc[start - 1].text == "-" or doc[start].text == "-") and doc[start - 1].pos_ in ("PROPN", "PUNCT", "NOUN", "X"):
                start -= 1
            span = doc[start:token.i]
            if span[0].text == "-":
                continue
            if any(t.ent_type_ for t in span) or not owner_of_film(span):  # NER's names are typed in SpacyEntities
                continue
            yield mention(ctx, span, "Person", self.name, 0.7)


@register
class InitialledNames:
    """People NER misses whose name starts with initials ("M. Night Shyamalan", "J.A.
    Bayona"), when the last word stands alone elsewhere in the article as news writes a
    person after the full name: without that, "M. Night" might be anything."""

    name = "initialled_names"
    description = "initialled names NER misses whose surname the article uses alone: \"M. Night Shyamalan\""

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        doc = ctx.doc
        for token in doc:
            if not re.fullmatch(r"(?:[A-Z]\.){1,3}", token.text) or token.ent_type_ == "PERSON" or (
                    token.i > 0 and doc[token.i - 1].is_title and doc[token.i - 1].pos_ == "PROPN"):
                continue  # "Michael B. Jordan" is NER's, or a name going on from before
            end = token.i + 1
            while end < len(doc) and end - token.i <= 2 and doc[end].is_title and doc[end].pos_ == "PROPN" and doc[end].ent_type_ != "PERSON":
                end += 1
            span = doc[token.i:end]
            if len(span) > 1 and not (end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN") and (
                    initialled_name(span.text) and surname_alone_elsewhere(span)):
                yield mention(ctx, span, "Person", self.name, 0.7)


def particle_name_end(doc, start: int) -> int | None:
    """"Ana de Armas", "Jan de Bont", "Rodrigo de la Serna": a known first name, lower-case
    name particles, then a capitalised name; the end of the name, or None."""
    end = start + 1
    while end < len(doc) and end - start <= 3 and doc[end].lower_ in cue("name_particles") and doc[end].is_lower:
        end += 1
    if end == start + 1 or end >= len(doc) or not (doc[end].is_title and doc[end].pos_ == "PROPN"):
        return None
    return end + 1


@register
class ParticleNames:
    """People whose name has a lower-case particle ("Ana de Armas", "Jan de Bont"), which
    NER misses or calls a company; a known first name before it keeps "Rio de Janeiro" and
    "Casa de Papel" out."""

    name = "particle_names"
    description = "names with lower-case particles NER misses: \"Ana de Armas\""

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        doc = ctx.doc
        characters = character_names(doc)
        for token in doc:
            if not token.is_title or token.pos_ != "PROPN" or token.ent_type_ in ("PERSON", "GPE", "LOC", "FAC") or not given_name_gender(token.text) or (
                    token.i > 0 and doc[token.i - 1].is_title and doc[token.i - 1].pos_ == "PROPN"):
                continue
            end = particle_name_end(doc, token.i)
            if end is not None and not any(doc[i].ent_type_ in ("GPE", "LOC", "FAC") for i in range(token.i, end)) and not geo.lookup(
                    doc[token.i:end].text) and doc[token.i:end].text not in characters:
                yield mention(ctx, doc[token.i:end], "Person", self.name, 0.7)


@register
class CompanyNames:
    """Companies NER misses, known by their shape: a capitalised name with a company word
    in it ("Les Films Pelléas", "Sun Creature Studio", "PlayStation Productions")."""

    name = "companies"
    description = "company-shaped names NER misses: capitalised names with Films/Productions/Pictures/Studio ..."

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        doc = ctx.doc
        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                if not (doc[i].is_title or doc[i].is_upper) or not doc[i].is_alpha or doc[i].ent_type_ in ("PERSON", "GPE", "ORG", "KG_ORG", "PLATFORM", "FAC", "LOC"):
                    i += 1
                    continue
                end = i
                while end < sent.end and (doc[end].is_title or doc[end].is_upper or doc[end].lower_ in ("de", "du", "des", "for", "of", "&") and end + 1 < sent.end and doc[end + 1].is_title):
                    end += 1
                span = doc[i:end]
                named_studio = span[-1].lower_ in ("studio", "studios") and not is_facility_place(span)  # not "shot at X Studios"
                if (is_company_name(span) or named_studio) and not any(t.ent_type_ for t in span):
                    yield mention(ctx, span, "Organization", self.name, 0.7)
                i = max(end, i + 1)
