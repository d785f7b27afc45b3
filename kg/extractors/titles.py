"""Film and franchise titles that NER misses: quoted titles, numbered sequels, acronyms,
"the film X" and "the X franchise".

A numbered sequel ("Mission: Impossible 7", "Gladiator II", "Dune: Part Two") also names
its franchise (the title before the number); an acronym of that franchise ("M:I 7",
"MI7") names the same film.
"""
from __future__ import annotations

import re
from typing import Iterator

from spacy.tokens import Doc, Span, Token

from kg import geo
from kg.extractors import register
from kg.extractors.common import WEEKDAYS, cue, cue_union, governing_verb, is_list_gap
from kg.extractors.entities import character_names
from kg.names import SUBTITLE_SEPARATORS, given_name_gender, person_name_parts, reads_as_full_name
from kg.types import ArticleContext, Mention

SMALL_WORDS = {"of", "the", "a", "an", "in", "on", "to", "at", "x", "v", "vs", "&", "de", "la", "le", "à", "du", "des", "di", "da", "del"}
TITLE_PUNCT = {":", "–", "—", "-", "&", "'", "’", "!", "?"}
ROMAN = {"II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
NOT_SEQUEL_PREFIX = {
    "season", "episode", "chapter", "part", "vol", "volume", "phase", "no", "number", "top", "windows", "iphone",
    "playstation", "xbox", "covid", "level", "act", "scene", "day", "week", "stage", "round", "game", "book", "issue",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "page", "room", "studio",
    "district", "zone", "area", "sector", "ward", "route", "highway", "terminal", "gate", "platform", "building", "block",
    "floor", "flight", "channel", "station", "camp", "base", "unit", "squad", "class", "grade", "pier", "lot", "hall", "pg",
}
FRANCHISE_NOUNS = {"franchise", "saga", "trilogy", "universe", "films", "movies", "series"}
SERIES_WORDS = {"universe", "saga", "franchise", "trilogy"}
REGNAL_TITLES = {"king", "queen", "emperor", "empress", "pope", "prince", "princess", "duke", "tsar", "czar", "pharaoh", "sultan", "lord", "lady", "henry", "louis", "charles", "elizabeth", "george", "edward", "richard", "william", "james"}
INSTALMENT_NOUNS = {"film", "movie", "installment", "instalment", "entry", "chapter", "outing", "adventure", "series", "sequel", "spin-off"}
SERIES_ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                   "latest", "next", "new", "last", "final", "upcoming", "previous"}
QUOTES = re.compile(r"(?<!\w)[‘'“\"]((?:[^‘’'“”\"\n]|(?<=\w)['’](?=\w)){1,80})[’‘'”\"](?!\w)")  # not the apostrophe of "That's", but "Don't Look Up"
OWNED = re.compile(r"\s*['’]s?\s+")
ORDINAL_NUMBER = re.compile(r"\d{1,3}(st|nd|rd|th)")
ACRONYM = re.compile(r"\b([A-Z](?:[:.]?[A-Z]){1,3})[:.]?(?:\s?(\d{1,2}))?\b")


def is_title_word(token) -> bool:
    return token.is_title or token.is_upper or (token.text[:1].isupper()) or token.like_num


def title_before(doc: Doc, end: int, sent_start: int) -> int:
    """Walk left from token ``end`` (exclusive) over a title; return its first token index."""
    start = end
    i = end - 1
    while i >= sent_start:
        token = doc[i]
        if i == sent_start and (token.pos_ in ("VERB", "AUX", "ADV", "SCONJ", "CCONJ", "PRON") or token.pos_ == "NOUN" and start < end):
            break  # "Filming on Gladiator II": a sentence's capitalised first word is no title word
        if is_title_word(token) and not token.like_num:
            start = i
        elif token.tag_ == "POS":
            break  # "Matt Reeves' The Batman Part II": the owner is no part of the title
        elif token.text in TITLE_PUNCT or token.lower_ in SMALL_WORDS:
            if token.lower_ in ("in", "on", "at", "for", "with", "from") and token.pos_ == "ADP" and token.head.i < i and (
                    token.head.pos_ in ("VERB", "AUX") or token.head.ent_type_ == "PERSON"):
                break  # "returns as Wolverine in Deadpool 3": the preposition ties the title to what precedes it
            j = i - 1
            while j > sent_start and i - j < 3 and (doc[j].lower_ in SMALL_WORDS or doc[j].text in TITLE_PUNCT):
                j -= 1  # "Guardians of the Galaxy": two small words inside a title
            if j < sent_start or not is_title_word(doc[j]):
                break
        else:
            break
        i -= 1
    return start


def title_after(doc: Doc, start: int, sent_end: int) -> int:
    """Walk right from token ``start`` over a title; return the index after its last token."""
    end = start
    i = start
    while i < sent_end and i - start < 10:
        token = doc[i]
        if i > start and token.ent_iob_ == "B" and token.ent_type_ not in ("WORK_OF_ART", "ORG", "NORP", "PRODUCT", "") and not (
            token.ent_type_ == doc[i - 1].ent_type_ == "PERSON" and doc[i - 1].is_alpha  # NER's two "names" side by side: "Rocky Aur Rani Kii" "Prem Kahaani"
        ) and not (
            token.ent_type_ == "CARDINAL" and doc[i - 1].lower_ in ("part", "chapter", "vol", "vol.", "volume")  # "Dune: Part Two"
        ) and not (
            doc[i - 1].text == ":" and token.ent_type_ in ("PERSON", "GPE", "LOC", "FAC", "CARDINAL") and token.is_title  # "Avengers: Doomsday"
            and not (token.ent_type_ == "PERSON" and given_name_gender(token.text) and token.i + 1 < sent_end and doc[token.i + 1].ent_iob_ == "I")
            # but "2018's Black Panther: Letitia Wright returns as Shuri" starts a clause with a full name
        ) and not (
            token.ent_type_ in ("PERSON", "GPE", "LOC") and (doc[i - 1].lower_ in SMALL_WORDS or doc[i - 1].lower_ == "and") and token.is_title
        ):
            break  # another name starts here, unless a small word ties it in ("The Last of Us")
        if token.tag_ == "POS" and i > start:
            if start > 0 and doc[start - 1].lemma_.lower() in cue_union("film_nouns", "genre_nouns") and i + 1 < sent_end and doc[i + 1].is_title:
                i += 1  # "the sitcom Kim's Convenience": the title's own possessive
                continue
            if i == start + 2 and doc[start].text == "The" and doc[start + 1].is_title and i + 1 < sent_end and doc[i + 1].is_title and (
                    doc[i + 1].ent_iob_ != "B"):  # but "The Academy's Kevin Feige"
                end = i = i + 2  # "The King's Man", "The Handmaid's Tale": nobody's name starts with "The"
                continue
            break  # "Sony Pictures' Bad Boys": the owner's name ends here
        if is_title_word(token) and (token.pos_ == "PROPN" or token.is_title or token.like_num):
            end = i + 1
        elif token.text in TITLE_PUNCT or token.lower_ in SMALL_WORDS or token.lower_ in ("and", "or") and i + 1 < sent_end and not (
            another_title_after(doc, i + 1, sent_end)) and (
            doc[i + 1].text == "the" or any(t.text == ":" for t in doc[start:i])  # "Harry Potter and the ...", "Thor: Love and Thunder"
            or token.ent_type_ in ("ORG", "WORK_OF_ART") and token.ent_iob_ == "I" and doc[i + 1].ent_iob_ == "I" and not doc[i - 1].like_num  # NER's "Parks and Recreation", not "Deadpool 2 and Bullet Train"
            or token.lower_ == "and" and repeated_with_and(doc, start, i)
        ):
            and_the_title = token.lower_ == "and" and i + 2 < sent_end and doc[i + 1].lower_ == "the" and doc[i + 2].is_title and doc[
                i + 2].ent_type_ in ("", "WORK_OF_ART", "NORP")  # "Shang-Chi and the Legend of the Ten Rings", "Percy Jackson and the Olympians"
            dash_part = token.text in ("–", "—") and i + 1 < sent_end and sequel_number(doc, i + 1) is not None  # "Rebel Moon – Part Two"
            if doc[i - 1].ent_type_ in ("PERSON", "GPE", "LOC", "FAC") and token.lower_ not in ("of", "&", ":", "'", "’", "-", "!") and not (
                    and_the_title or dash_part):
                break  # "Reynolds in Free Guy", "Australia on Thor": a name, then a preposition, is no title
            if token.lower_ in ("in", "on", "at", "for", "with", "from") and token.pos_ == "ADP" and not start <= token.head.i < i:
                break  # "directed Reynolds in Free Guy": the preposition belongs to the verb, not to a title
            if token.lower_ in ("in", "as") and i == start + 1 and doc[start].ent_type_ in ("PERSON", "ORG") and (
                    doc[start].dep_ == "dobj" and doc[start].head.pos_ == "VERB" and doc[start].head.i < start):
                break  # the same where the parser hangs "in" on the verb's object, "Reynolds"; not "Fly Me to the Moon"
            j = i + 1
            while j < sent_end and j - i < 3 and (doc[j].lower_ in SMALL_WORDS or doc[j].text in TITLE_PUNCT):
                j += 1
            if j >= sent_end or not is_title_word(doc[j]) or doc[j].like_num and not doc[j].is_digit and not (
                    j + 1 < sent_end and doc[j + 1].is_title and not doc[j + 1].like_num):  # "of the Ten Rings", not "of the Two"
                break
            if token.lower_ in ("on", "in", "at", "to") and doc[j].is_upper and j == i + 1:
                break  # "Oppenheimer on IMAX": a preposition before an acronym ends the title
        else:
            break
        i += 1
    return end


def another_title_after(doc: Doc, i: int, sent_end: int) -> bool:
    """After "and", a second title starts: "The Jungle Book and The Lion King", "Avengers:
    Infinity War and Avengers: Endgame" (a capital article, or a colon of its own soon)."""
    return doc[i].text in ("The", "A", "An") or any(t.text == ":" for t in doc[i + 1:min(i + 4, sent_end)])


def repeated_with_and(doc: Doc, start: int, i: int) -> bool:
    """"Bones and All" written that way twice is one title, where two names joined once
    are two ("Memento and Inception"); names NER knows are never joined."""
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is None or not after.is_title or any(t.ent_type_ not in ("", "WORK_OF_ART") for t in (*doc[start:i], after)):
        return False
    return count_words(doc.text, doc[start:i + 2].text) > 1


def sequel_number(doc: Doc, i: int) -> int | None:
    """The length of a sequel marker at token i ("7", "II", "Part Two", "Chapter 4"), else None."""
    token = doc[i]
    if token.is_digit and 2 <= int(token.text) <= 20 and len(token.text) <= 2:
        return 1
    roman = token.text if token.text in ROMAN else token.text[:-1] if token.text.endswith(".") and token.is_sent_end else ""
    if roman in ROMAN and i > 0 and not given_name_gender(doc[i - 1].text) and not any(
        t.lower_ in REGNAL_TITLES for t in doc[max(0, i - 3):i]
    ):
        if len(roman) == 1 and i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].lower_ not in SMALL_WORDS:
            return None  # "Anant V Joshi": a middle initial
        return 1  # "Gladiator II", but not "Emperor Shaddam IV" or "Elizabeth II"
    if token.lower_ in ("part", "chapter", "vol.", "volume", "vol") and i + 1 < len(doc):
        skip = 1 if doc[i + 1].text == "." and i + 2 < len(doc) else 0  # "Vol . 3" as the tokenizer may split it
        nxt = doc[i + 1 + skip]
        if (nxt.is_digit and len(nxt.text) <= 2) or nxt.lower_ in NUMBER_WORDS or nxt.text in ROMAN:
            return 2 + skip
    return None


def initials(title: str) -> str:
    """"Mission: Impossible" -> "MI"."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w’']*", title) if w.lower() not in SMALL_WORDS or w[0].isupper()).upper()



BLOCKING_ENTS = {"PERSON", "GPE", "LOC", "FAC", "NORP", "PLATFORM", "KG_ORG", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "IGNORE"}


def title_runs(sent: Span) -> Iterator[Span]:
    """Maximal runs of capitalised words, with small words and title punctuation inside."""
    doc = sent.doc
    i = sent.start
    first_word = next((t.i for t in sent if t.is_alpha), sent.start)  # after an opening quote too
    while i < sent.end:
        starts_with_number = (doc[i].is_digit or ORDINAL_NUMBER.fullmatch(doc[i].text)) and i + 1 < sent.end and doc[i + 1].is_title  # "20 Days in Mariupol", "12th Fail"
        if not (doc[i].text[:1].isupper() and doc[i].text[:1].isalpha() and doc[i].text.isalnum() or doc[i].is_alpha and doc[i].is_title or starts_with_number):
            i += 1
            continue
        if i == first_word and doc[i].ent_type_ == "" and (
                doc[i].pos_ in ("VERB", "AUX", "ADV", "ADP", "SCONJ") or doc[i].tag_ == "VBG" or doc[i].lower_ in cue("filming")):
            i += 1  # "Filming of Christopher Nolan's ...": a sentence's first common word is capitalised by position
            continue
        end = title_after(doc, i, sent.end)
        if end > i:
            yield doc[i:end]
            i = end
        else:
            i += 1


NUMBER_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"}
CALENDAR_WORDS = set(NOT_SEQUEL_PREFIX) | set(WEEKDAYS) | {
    "eve", "new", "summer", "winter", "spring", "autumn", "fall", "holiday", "holidays", "christmas", "easter", "eid", "diwali",
    "thanksgiving", "holi", "pongal", "sankranti", "onam", "dussehra", "navratri", "ramzan", "ramadan", "ugadi", "vishu",
}


def numbered_title(span: Span) -> bool:
    """Capitalised words no calendar uses with a number first or last: "28 Years Later",
    "20 Days in Mariupol" and "Housefull 5", which NER reads as dates, but not "25
    December", "Christmas Eve 2" or "Season 3"."""
    words = [t for t in span if t.is_alpha and t.lower_ not in SMALL_WORDS]
    if not (words and all(t.is_title and t.lower_ not in CALENDAR_WORDS for t in words)):
        return False
    return span[0].like_num and len(words) >= 2 or span[-1].like_num and not span[0].like_num


def blocked(span: Span, allow_person: bool = False) -> bool:
    """The span lies inside a person, place, platform, known organisation or number entity.

    A longer run that merely contains one ("Kinds of Kindness" with NER's PERSON
    "Kindness") is not blocked.
    """
    labels = BLOCKING_ENTS - {"PERSON"} if allow_person else BLOCKING_ENTS
    if numbered_title(span):
        labels = labels - NUMBER_ENTS
    covering = [e for e in span.doc.ents if e.start <= span.start and span.end <= e.end and not any(
        t.tag_ == "POS" for t in span.doc[e.start:span.start])]  # not NER's "Edward Berger's Conclave" (spaCy rebuilds doc.ents per access)
    if any(e.label_ == "PERSON" and len(e) > len(span) and not any(t.tag_ == "POS" for t in e) for e in covering):
        return True  # a piece of a longer name ("Hoytema" of "Hoyte van Hoytema")
    owned = span.start > 0 and span.doc[span.start - 1].tag_ == "POS" and span.doc[span.start - 1].ent_type_ == span[0].ent_type_ and (
        span.doc.text.count(span.text) > 1)  # NER's "Edward Berger's Conclave", named again; not "Cynthia Erivo's Elphaba", a part named once
    return any(e.label_ in labels for e in covering) or (len(span) == 1 and span[0].ent_type_ in labels and not owned)


KNOWN_NAMES = frozenset({"GPE", "PLATFORM", "KG_ORG", "DATE"})  # what a film or genre noun before a name does not make a title
COMPANY_NOUNS = {"company", "banner", "studio", "label", "outfit", "shingle", "firm"}
MOVING_VERBS = {"announce", "move", "push", "nudge", "date", "shift", "tease", "bump"}  # done to people as well as titles
PLACE_PREPOSITIONS = ("in", "at", "near", "around", "outside")  # what only a place, never a film, stands after with no cue
COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "midwest"}
WORK_PARTS = {"season", "seasons", "episode", "episodes", "finale", "trailer", "teaser", "poster", "premiere", "soundtrack", "footage"}

def in_place_list(run: Span) -> bool:
    """"between the Financial District, Fall River, Weymouth and Brockton": a name listed
    with a place the gazetteer knows."""
    token = run.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
        if geo.lookup(token.doc[token.left_edge.i if token.left_edge.pos_ == "PROPN" else token.i:token.i + 1].text):
            return True
    return False


def subtitles(title: str) -> list[str]:
    """The short names a subtitled title goes by later in an article: "Wakanda Forever" for
    "Black Panther: Wakanda Forever", "Lost Kingdom" for "Aquaman and the Lost Kingdom"."""
    found = []
    for separator in SUBTITLE_SEPARATORS:
        if separator in title:
            tail = title.split(separator, 1)[1]
            if len(tail) > 3 and tail[:1].isupper() and (separator != " and the " or len(tail.split()) > 1):
                found.append(tail)
    return found


def unknown_place(span: Span) -> bool:
    """NER's place or building that the place gazetteer does not know, in a strong title
    position: "Netflix's Bridgerton returns to the city", "Black Adam opens next Friday"."""
    if span.root.dep_ == "pobj" and span.root.head.lower_ in ("to", "into", "at", "from", "across", "around", "near"):
        return False  # "Cameron returns to Pandora" is a trip, whatever "return to" says of sequels
    if span.root.dep_ == "pobj" and span.root.head.lower_ == "on" and span.root.head.head.lemma_.lower() in ("shoot", "film", "filming", "shooting"):
        return False  # "scenes were shot on Inishmore": NER's island, not the film "filming on Dune" is about
    doc = span.doc
    owned_by_person = span.start > 1 and doc[span.start - 1].tag_ == "POS" and doc[span.start - 2].ent_type_ == "PERSON"
    return all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in span) and geo.lookup(span.text) is None and (
        film_context(span) >= (0.75 if owned_by_person else 0.8))  # no person owns a town: "Wes Anderson's Asteroid City opens"


def in_relative_clause(token, above) -> bool:
    """Whether a relative clause lies between a token and a word above it: "a scale that
    hasn't been seen in Hindi cinema" says nothing of the subject's cinemas."""
    node = token
    while node.i != above.i and node.head.i != node.i:
        if node.dep_ in ("relcl", "acl"):
            return True
        node = node.head
    return False


def shot_on(prep: Token, head: Token) -> bool:
    """"was shot largely on Vis": the ground a film was shot on, where "filming on Dune" and
    "has wrapped on Thor" name the film."""
    return prep.lower_ == "on" and head.tag_ in ("VBN", "VBD") and head.lemma_ in ("shoot", "film")


def word_before(span: Span) -> Token | None:
    """The word before a name, past an opening quote: "novel" of 'the novel "Strangers"'."""
    i = span.start - 1 if span.start > 0 and span.doc[span.start - 1].is_quote else span.start
    return span.doc[i - 1] if i > 0 else None


def full_name_token(token: Token) -> bool:
    """The last word of a name NER takes for a person of two words or more ("Kriti Sanon");
    NER's one-word "persons" in a list are as often titles ("Arrival")."""
    return token.ent_type_ == "PERSON" and token.ent_iob_ == "I"


def a_star_somewhere(head: Token) -> bool:
    """"an American movie star in Stranda": a star of some place, where "stars in" and "the
    star of" name a film."""
    return head.lemma_.lower() == "star" and head.pos_ == "NOUN" and any(c.lower_ in ("a", "an") for c in head.children)


def directs_someone_in(after: Token | None) -> bool:
    """"directed Reynolds in Free Guy", "cast Pugh as Yelena": the name before ``after``
    is a person the verb is done to, as the title that follows shows."""
    if after is None or after.lower_ not in ("in", "as") or after.i + 1 >= len(after.doc):
        return False
    named = after.doc[after.i + 1]
    return named.is_title and named.ent_type_ in ("", "WORK_OF_ART", "ORG", "PERSON")  # not "release Oppenheimer in July"


def persons_hit(token: Token) -> bool:
    """"Sophie Ellis-Bextor's 2001 hit": a person's hit, which is a song as often as a film;
    "its French hit Lupin" and "the Telugu hit Arjun Reddy" are titles."""
    doc = token.doc
    return token.lemma_.lower() in ("hit", "smash") and any(
        t.tag_ == "POS" and t.i > 0 and doc[t.i - 1].pos_ == "PROPN" and doc[t.i - 1].ent_type_ in ("PERSON", "ORG", "")
        for t in doc[max(0, token.i - 4):token.i])  # NER takes a singer for a company as often as not; "Netflix's" it knows


def film_context(span: Span) -> float:
    """How strongly the words around a capitalised run say it is a film title (0: not)."""
    doc, root = span.doc, span.root
    before = word_before(span)
    if before is not None and (before.lemma_.lower() in cue("other_works") | COMPANY_NOUNS or persons_hit(before)):
        return 0.0  # "the book American Prometheus", 'the novel "Strangers"', "her hit Murder on the Dancefloor", "her company Shondaland"
    if root.dep_ in ("nsubj", "nsubjpass") and root.ent_type_ != "PERSON" and sum(full_name_token(c) for c in root.conjuncts) >= 2:
        return 0.0  # "Tabu, Kareena Kapoor Khan and Kriti Sanon are all set": a name heading a list of people is a person
    if root.dep_ == "pobj" and root.head.dep_ == "agent" and cue("role_verbs").get(root.head.head.lemma_.lower()):
        return 0.0  # "Directed by Jon M. Chu, the adaptation of ...": whoever a film is made by is no film
    if span[0].ent_type_ == "NORP" and span[-1].lower_ in COMPASS:
        return 0.0  # "his version of the American West" is a region
    if span[-1].ent_type_ == "NORP" and span[-1].pos_ == "ADJ" and all(t.ent_type_ == "NORP" or t.lower_ == "the" for t in span):
        return 0.0  # "The Australian actor"
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.is_quote and span.end + 1 < len(doc):
        after = doc[span.end + 1]  # 'when "The Penguin" premieres'
    following = doc[span.end:span.end + 3].text.lower() + " "
    if span.end < len(doc) and doc[span.end].is_lower and any(
        following.startswith(word) and not following[len(word)].isalpha() for word in cue("title_followers")
    ):
        return 0.8
    if after is not None and after.tag_ == "POS" and any(t.lower_ in WORK_PARTS for t in doc[span.end + 1:span.end + 4]):
        return 0.8  # "The Mandalorian's second season", "Barbie's trailer"; but "Sukumar's sequel" is his film
    if span.start > 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in ("season", "series") and (
            doc[span.start - 3].ent_type_ == "ORDINAL" or doc[span.start - 3].lower_ in SERIES_ORDINALS):
        return 0.85  # "The sixth series of Line of Duty", "the final season of X", however the parser hangs it
    if span.start == span.sent.start and after is not None and after.text == "," and is_a_work(doc, span.end + 1):
        return 0.85  # "Wicked, Universal Pictures' adaptation of the musical, opens ...", however "Wicked" parses
    if root.dep_ in ("compound", "amod") and root.head.i >= span.end and root.head.pos_ == "NOUN" and root.head.lemma_.lower() not in (
            cue_union("title_followers", "title_release_verbs", "production_nouns", "release", "title_subject_verbs")):
        return 0.0  # a modifier of a common noun: "Robert Eggers' Viking revenge epic", "the Apple Studios production"
    if root.dep_ in ("appos", "conj") and root.head.lemma_.lower() in cue("title_appositions"):
        return 0.85
    if any(v.tag_ == "VBN" and cue("role_verbs").get(v.lemma_.lower()) in ("directs", "writes", "produces") and any(g.dep_ == "agent" for g in v.children)
           for t in span for c in t.children if c.i >= span.end and c.dep_ in ("acl", "relcl") for v in [c, *c.conjuncts]):
        return 0.85  # "Shang-Chi ..., directed by Destin Daniel Cretton, began", "X, presented by Jio Studios and produced by ..."
    if any(c.dep_ in ("appos", "conj") and c.is_lower and c.lemma_ in cue("title_appositions") and not span.start <= c.i < span.end
           and not any(g.dep_ == "poss" and g.lower_ == "whose" or g.tag_ == "POS" for g in c.children) for t in span for c in t.children):
        return 0.85  # "Barbie, the film", "Maestro, his portrait of Bernstein", but not "Gerwig, whose last two films" or "X, the film's big bad"
    if any(c.dep_ == "relcl" and cue("role_verbs").get(c.lemma_.lower()) in ("directs", "writes", "produces") and any(
            g.dep_ == "dobj" and g.lower_ in ("which", "that") for g in c.children) for c in root.children if c.i >= span.end):
        return 0.85  # "Thunderbolts, which Jake Schreier is directing"
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and re.fullmatch(r"(19|20)\d\d", doc[span.end + 1].text) and doc[span.end + 2].text == ")":
        return 0.8  # "Pearl (2022)"
    if span.start >= 2 and doc[span.start - 1].text == "(" and doc[span.start - 2].ent_type_ == "PERSON" and not any(t.ent_type_ == "PERSON" for t in span):
        return 0.7  # "Pedro Pascal (The Mandalorian, Narcos)": a person's earlier work; "Carmy (Jeremy Allen White)" is the actor
    if root.dep_ == "pobj" and root.head.lower_ in ("like", "including") and root.head.head.lemma_.lower() in cue("film_nouns") | {"blockbuster", "hit"}:
        return 0.8  # "blockbusters like Raja Rani, Theri and Mersal", "films including Dune"
    if root.dep_ == "pobj":
        prep = root.head
        heads = cue("title_preposition_heads").get(prep.lower_, ())
        takes_object = prep.head.pos_ == "VERB" and any(c.dep_ == "dobj" for c in prep.head.children)
        returns_somewhere = prep.lower_ == "to" and prep.head.pos_ == "VERB"  # "the team returned to Goa", not "her return to Westeros"
        made_by = prep.lower_ == "of" and prep.head.lemma_.lower() == "production" and any(
            c.lower_ in ("a", "an", "joint") for c in prep.head.children)  # "a joint production of the AP and Frontline": its makers
        head = prep.head.head if prep.head.dep_ == "dobj" and prep.head.pos_ == "PROPN" else prep.head  # "cast Pugh in Thunderbolts"
        if (head.lemma_.lower() in heads or head.lower_ in heads) and not (prep.lower_ == "for" and takes_object) and not (
                returns_somewhere or shot_on(prep, prep.head) or made_by or a_star_somewhere(head)):
            # "shooting for Pathaan", but not "shot Titanic for Cameron"
            return 0.8
        if prep.lower_ == "in" and prep.head.ent_type_ == "PERSON" and geo.lookup(span.text) is None:
            return 0.75  # "Cillian Murphy in Oppenheimer", but not NER's person "Culross in Fife"
    if span.start >= 2 and root.dep_ != "poss":  # the same cue read off the surface, for when the parse goes astray
        prep, head = doc[span.start - 1], doc[span.start - 2]
        heads = cue("title_preposition_heads").get(prep.lower_, ())
        if (head.lemma_.lower() in heads or head.lower_ in heads) and not (prep.lower_ == "to" and head.pos_ == "VERB") and not (
                shot_on(prep, head) or a_star_somewhere(head)):
            return 0.8
    verb_after = after
    while verb_after is not None and verb_after.tag_ == "RB" and verb_after.i + 1 < len(doc):
        verb_after = doc[verb_after.i + 1]  # "Argylle finally lands in theaters", however the clause parses
    if verb_after is not None and verb_after.lemma_.lower() in cue("title_release_verbs") and verb_after.tag_ in ("VBZ", "VBD", "NNS"):
        return 0.75
    if root.dep_ == "dobj" and root.head.lemma_.lower() in cue("title_object_verbs") and not directs_someone_in(after):
        return 0.75  # but "directed Reynolds in Free Guy" directs a person
    if span.start > 0 and doc[span.start - 1].pos_ == "VERB" and doc[span.start - 1].lemma_.lower() in cue("title_object_verbs") - MOVING_VERBS and (
            span[0].ent_type_ != "PERSON") and not (after is not None and (after.tag_ == "POS" or directs_someone_in(after))):
        return 0.8  # "binge-watching Ripley", "launch Fly Me to the Moon", however the parser hangs the object; not "directs
        # Margot Robbie in" or "adapts Priscilla Presley's memoir"
    if root.dep_ == "dobj" and root.head.lemma_ == "include" and any(
            c.dep_ == "nsubj" and c.lemma_.lower() in cue("filmography_nouns") for c in root.head.children):
        return 0.85  # "whose credits include Atomic Blonde, Deadpool 2 and Hobbs & Shaw"
    if root.dep_ == "dobj" and root.head.lemma_.lower() in cue("making_verbs") and not directs_someone_in(after):
        return 0.7  # "before making Creed", "made Cloud Atlas at the studio"
    verb = span.start - 1
    while verb > 0 and doc[verb].is_lower and (doc[verb].pos_ in ("DET", "ADJ") or doc[verb].tag_ == "VBN" and doc[verb].dep_ == "amod"):
        verb -= 1
    if verb < span.start - 1 and doc[verb].pos_ == "VERB" and doc[verb].lemma_.lower() in cue("making_verbs") and root.dep_ not in ("nsubj", "nsubjpass"):
        return 0.75  # "who directed the original Inside Out", which the parser may not take for the object
    if root.dep_ == "nsubj" and root.head.lemma_ in ("be", "become", "remain") and any(
        c.dep_ == "attr" and c.lemma_.lower() in cue("title_appositions") for c in root.head.children
    ):
        return 0.85  # "Avatar became the highest-grossing film of all time"
    if root.dep_ in ("nsubj", "nsubjpass") and any(
        t.lemma_.lower() in cue("screens") and not in_relative_clause(t, root.head) and (
            t.dep_ == "pobj" and t.head.lower_ in ("in", "to", "into", "at", "across") and not any(g.dep_ == "dobj" and g.lower_ != "way" for g in getattr(governing_verb(t), "children", ()))
            or t.dep_ == "dobj" and t.head.lemma_.lower() in cue("title_release_verbs")
            or root.head.lemma_.lower() in cue_union("title_release_verbs", "streaming_verbs"))
        for c in root.head.children if c.i > root.i and not own_clause(c) for t in c.subtree
    ):
        return 0.85  # "RRR finally reaches cinemas", "was due in theaters"; not "X covers superhero cinema" or "X brings the madness back to the big screen" (but "punches its way into theaters")
    if after is not None and after.lemma_ == "be" and is_a_work(doc, span.end + 1):
        return 0.8  # "The Substance is the movie people cannot stop arguing about", however the rest parses
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX") and any(phrase in " ".join(t.lower_ for t in root.head.subtree if t.i >= span.end)
                                                                           for phrase in cue("box_office_phrases")) and not any(
            c.dep_ == "dobj" and c.lemma_.lower() in cue("title_appositions") for c in root.head.children):
        return 0.75  # "Manjummel Boys has crossed the ₹100 crore mark at the box office", not "X has delivered two 1000 crore hits"
    if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in ("slate", "schedule", "date") and any(
            c.dep_ == "prep" and c.lower_ == "for" for c in root.head.children):
        return 0.8  # "Dunki is slated for a December release"
    if root.dep_ == "nsubjpass" and (root.head.lemma_.lower() in cue("role_verbs") or root.head.lemma_.lower() in cue("title_object_verbs") - MOVING_VERBS):
        return 0.8  # "Oppenheimer was produced by Emma Thomas", "Outlander was developed for television", "Wednesday was renewed"
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in cue("title_release_verbs") and not any(
        c.dep_ == "dobj" and (c.lemma_.lower() in cue("film_nouns") or c.pos_ == "PRON" or c.pos_ == "PROPN" and c.ent_type_ in ("", "WORK_OF_ART"))
        for c in root.head.children
    ):  # "Parasite conquered Cannes", but "Apple will release the film" is the company
        return 0.75
    if root.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in cue("title_release_verbs") for c in root.head.children
    ):
        return 0.8  # "House of the Dragon is slated to premiere", "is set to hit theaters"
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in cue("title_subject_verbs") and not any(
        c.dep_ == "dobj" and c.lemma_.lower() not in cue("shot_things") | {"story", "tale"} and not (c.ent_type_ == "PERSON" and root.head.lemma_ in ("star", "feature"))
        or c.dep_ == "prep" and c.lower_ == "as" for c in root.head.children
    ):  # "Oppenheimer shot in New Mexico", "Game of Thrones shot scenes in Cáceres", "X tells the story of", "X stars Y",
        # but "Cameron shot performance capture" and "Tabu returns as Meera" are people
        return 0.7
    if root.dep_ == "nsubj" and any(c.dep_ == "dobj" and c.lemma_ == "date" and (
            root.head.lemma_ in ("have", "get", "receive") or any(g.dep_ == "poss" and g.lower_ == "its" for g in c.children))
            for c in root.head.children):
        return 0.8  # "Masters of the Air finally has a launch date", "Kalki 2898 AD has locked its release date"
    before = doc[span.start - 1] if span.start > 0 else None
    modifiers = []
    while before is not None and before.i > 0 and before.tag_ != "POS" and (before.is_lower or before.text == "-") and (
            before.pos_ in ("ADJ", "NOUN", "PUNCT") or "-" in (doc[before.i - 1].text, doc[before.i + 1].text)) and span.start - before.i < 4:
        modifiers.append(before.lower_)
        before = doc[before.i - 1]  # "Greta Gerwig's live-action Barbie"
    if before is not None and before.tag_ == "POS" and before.i > 0:
        owner = doc[before.i - 1].ent_type_
        if owner == "KG_ORG" or owner and cue("title_modifiers").intersection(modifiers):
            return 0.8  # "Netflix's Wednesday", "Gerwig's upcoming Barbie"
        if owner in ("PERSON", "ORG", "NORP", "DATE"):
            return 0.65  # "Scorsese's The Irishman", "last year's House of Gucci"
    if root.dep_ == "conj" and root.head.i < span.start:
        head_run = doc[root.head.left_edge.i:root.head.i + 1]
        if head_run.text[:1].isupper() and film_context(head_run) >= 0.75:
            return 0.75  # "behind The Incredible Hulk and Now You See Me"
    return 0.6 if subtitled(span) or capital_the(span) else 0.0


def in_noun_phrase(token: Token) -> bool:
    """A word the tagger took for a verb stands in a noun phrase opened by a determiner or
    possessive: "his 2023 Netflix satire", not "fan site Los Siete Reinos show"."""
    doc, before = token.doc, token.i - 1
    while before >= token.sent.start and doc[before].pos_ in ("PROPN", "ADJ", "NUM"):
        before -= 1
    return before >= token.sent.start and (doc[before].pos_ == "DET" or doc[before].tag_ in ("PRP$", "POS"))


def own_clause(token: Token) -> bool:
    """A clause with a name of its own for subject hangs off the token: "X is set to
    return, as Y sails into cinemas" says nothing of X ("and the film opens" does). A place
    is no such name: "the film made on the Gold Coast opens", however the parser hangs it."""
    return token.dep_ in ("advcl", "ccomp", "conj", "parataxis") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" and c.ent_type_ not in ("GPE", "LOC", "FAC") for c in token.children)


def capital_the(span: Span) -> bool:
    """"a long ride for The Bikeriders": a capital "The" inside a sentence starts a name,
    and one NER and the place gazetteer do not know is most often a title."""
    doc = span.doc
    return (len(span) > 1 and span[0].text == "The" and span.start > span.sent.start and doc[span.start - 1].is_alpha
            and not any(t.ent_type_ for t in span) and geo.lookup(span.text) is None)


def sung(quoted: Span) -> bool:
    """'sing "Like a Rolling Stone"', 'the song "Naatu Naatu"': a quoted song, not a title."""
    doc = quoted.doc
    before = [t for t in doc[max(0, quoted.start - 3):quoted.start] if not t.is_punct]
    return bool(before) and (before[-1].lemma_.lower() in cue("song_verbs") or before[-1].lemma_.lower() in cue("other_works"))


def names_a_thing(quoted: Span) -> bool:
    """Orange "No Parking" notices: quoted words before a common noun that is no work
    ("the "Barbie" trailer" is one) name a thing's wording, not a title."""
    doc = quoted.doc
    after = quoted.end + 1 if quoted.end < len(doc) and doc[quoted.end].is_quote else quoted.end
    return after < len(doc) and doc[after].pos_ == "NOUN" and doc[after].is_lower and doc[after].lemma_.lower() not in cue_union(
        "title_followers", "film_nouns", "genre_nouns", "title_appositions", "title_subject_verbs", "title_release_verbs")  # nor '"Succession" returns', tagged a noun


def apposed_work(quoted: Span) -> bool:
    """'"Uncharted," the long-gestating PlayStation adaptation': a quoted name with a kind
    of work in apposition after its closing quote."""
    doc, i = quoted.doc, quoted.end
    comma = quoted[-1].text == ","
    while i < len(doc) and (doc[i].is_quote or doc[i].text == ",") and i - quoted.end < 2:
        comma = comma or doc[i].text == ","
        i += 1
    return i > quoted.end and comma and is_a_work(doc, i)


def is_a_work(doc: Doc, start: int) -> bool:
    """From ``start``, a noun phrase naming a kind of work: "the movie", "a gleefully
    grotesque satire", "Universal Pictures' big-screen adaptation", but not "the film's
    star" or "a features writer"."""
    if start < len(doc) and doc[start].pos_ == "PROPN":  # "Universal Pictures' big-screen adaptation"
        owner_end = next((t.i for t in doc[start:start + 4] if t.tag_ == "POS"), None)
        if owner_end is None or not all(t.pos_ == "PROPN" for t in doc[start:owner_end]):
            return False
        start = owner_end
    elif start >= len(doc) or doc[start].pos_ != "DET":
        return False
    for token in doc[start + 1:start + 6]:
        if token.lemma_.lower() in cue("title_appositions") and token.pos_ == "NOUN":
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            return after is None or after.tag_ != "POS" and after.lemma_.lower() not in cue_union(
                "role_nouns", "job_nouns", "journalist_nouns", "title_followers")  # not "a features writer", "a film critic"
        if token.pos_ not in ("ADJ", "ADV", "NOUN") and token.text != "-" and token.dep_ not in ("amod", "compound"):
            return False  # but "the long-gestating PlayStation adaptation"
    return False


def subtitled(span: Span) -> bool:
    """A title and its subtitle ("Black Panther: Wakanda Forever"): capitalised words on both
    sides of a colon inside the run, which English prose rarely writes otherwise; not a
    label opening the sentence ("Update: Netflix ...")."""
    doc = span.doc
    colon = next((t.i for t in span[1:-1] if t.text == ":"), None)
    if colon is None or not doc[colon + 1].is_title or sum(t.text == ":" for t in span) > 1 or any(
            t.ent_type_ in ("GPE", "LOC", "DATE") for t in doc[colon + 1:span.end]):
        return False  # two titles run together ("Baahubali: The Beginning and Baahubali 2: The Conclusion"), "... in Berlin"
    head = doc[span.start:colon]
    label = span.start == span.sent.start and (len(head) == 1 or span[0].pos_ == "NOUN")  # "Fans of the Mission: Impossible franchise"
    named = any(e.label_ in ("PERSON", "GPE") and e.start == colon + 1 and e.end == span.end and (e.label_ == "GPE" or given_name_gender(e[0].text))
                for e in doc.ents)  # "Black Panther: Letitia Wright returns", but "Black Panther: Wakanda Forever"
    return any(t.is_title for t in head) and not label and not named


def could_be_listed_title(run: Span, people_parts: set[str], text: str) -> bool:
    """A capitalised run that may be one of a list of titles: no place the gazetteer knows,
    company, platform, date or number; nothing read as a person's name (a known first name,
    or a last name the article also uses alone: "Celine Song" ... "Song"); no character
    ("as Sharon"), owner ("Tár's partner") or series ("the Hobbit trilogies")."""
    doc = run.doc
    places = all(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for t in run) and geo.lookup(run.text) is None
    if blocked(run, allow_person=True) and not places or run.text in people_parts or reads_as_full_name(run.text):
        return False
    if len(run) > 1 and run[-1].is_alpha and count_words(text, run[-1].text) > count_words(text, run.text):
        return False
    after = doc[run.end] if run.end < len(doc) else None
    if after is not None and (after.tag_ == "POS" or after.lower_ in FRANCHISE_NOUNS | {"trilogies", "franchises", "sagas"}):
        return False
    if run.start > 0 and doc[run.start - 1].lower_ == "as":
        return False
    return run[-1].lower_ not in cue("organization_words") and not (len(run) == 1 and (run[0].is_stop or run[0].pos_ == "PRON"))


def whole_words(words: str) -> re.Pattern:
    """The words as they stand alone in text, not inside a longer word ("Dune" in "Dunes")."""
    return re.compile(r"(?<![\w-])" + re.escape(words) + r"(?![\w-])")


def count_words(text: str, words: str) -> int:
    return len(whole_words(words).findall(text))


def title_lists(runs: list[Span]) -> list[list[Span]]:
    """Runs of one sentence written as a list, with only commas and "and"/"or" between them:
    "Memento, The Prestige, Inception and Interstellar"."""
    groups: list[list[Span]] = []
    for run in runs:
        last = groups[-1][-1] if groups else None
        gap = run.doc[last.end:run.start] if last is not None and last.sent.start == run.sent.start else None
        if gap is not None and is_list_gap(gap):
            groups[-1].append(run)
        else:
            groups.append([run])
    return [group for group in groups if len(group) > 1]


def franchise_name(span: Span) -> Span:
    """"Phase Four of the Marvel Cinematic Universe" names the Marvel Cinematic Universe."""
    of = next((t.i for t in span if t.lower_ == "of"), None)
    if of is not None and span[0].lower_ in ("phase", "part", "chapter", "corner", "era", "slate") and of + 1 < span.end:
        doc = span.doc
        return doc[of + 1 + (doc[of + 1].lower_ == "the" and of + 2 < span.end):span.end]
    return span


def corroborated(confidences) -> float:
    """Cues found independently in several sentences add up (noisy-or), to at most 0.9:
    "Nolan's Oppenheimer" and "Universal will release Oppenheimer" make a title together."""
    doubt = 1.0
    for confidence in confidences:
        doubt *= 1.0 - confidence
    return min(round(1.0 - doubt, 2), 0.9)


def owned_by_person(run: Span) -> bool:
    """"Zoya Akhtar's Gully Boy": what a person's possessive owns, NER seeing no person in
    it, is their work; news does not write one person as another's."""
    doc = run.doc
    return run.start > 1 and doc[run.start - 1].tag_ == "POS" and doc[run.start - 2].ent_type_ == "PERSON"


def person_reading(title: str, confidence: float, runs: list[Span], people_parts: set[str]) -> bool:
    """The capitalised run reads better as a person than as a title on this much evidence."""
    doc = runs[0].doc
    if len({t.lower_ for t in runs[0] if t.is_alpha}) == 1 < len(runs[0]):
        return False  # "Beetlejuice Beetlejuice" is nobody's name
    if any(t.lower_ in cue("title_particles") and doc[t.i - 1].text != "-" and doc[t.i + 1].text != "-" for t in runs[0][1:-1]):
        return False  # "Pyaar Ka Punchnama": Hindi joins a title's words, not a name's
    single_word_title = len(runs[0]) == 1 and title not in people_parts and not given_name_gender(title)
    if not single_word_title and confidence < (0.8 if len(runs[0]) == 1 else 0.85) and all(
        all(t.pos_ == "PROPN" for t in run if t.is_alpha)
        and any(e.label_ == "PERSON" and e.start == run.start and e.end == run.end for e in doc.ents)
        and not (run[-1].tag_ == "NNPS" and not given_name_gender(run[0].text)) for run in runs
    ):
        return True  # NER's person, all proper nouns, on a middling cue: "Lady Gaga" stays a person, "Manjummel Boys" (a plural) not
    person_shaped = 1 < len(runs[0]) <= 4 and given_name_gender(runs[0][0].text) and runs[0][1].is_alpha and runs[0][1].lower_ not in SMALL_WORDS and (
        ":" not in title) and (
        any(t.ent_type_ == "PERSON" for run in runs for t in run) and confidence < 0.9 or confidence < 0.8 and not all(map(owned_by_person, runs))
    )  # "Sita Ramam is all set to hit the big screens", "was shot in Kashmir" and "releases this Friday" is a film
    return person_shaped or confidence < 0.75 and any(blocked(run) for run in runs) or confidence < 0.9 and title in people_parts


@register
class Titles:
    """Film and franchise titles from quotes, sequel numbers, acronyms and cue nouns."""

    name = "titles"
    description = "film titles in quotes, after film/movie/series, numbered sequels, 'the X franchise', acronyms"

    def extract(self, ctx: ArticleContext) -> Iterator[Mention]:
        doc, text = ctx.doc, ctx.article.text
        taken = {(e.start_char, e.end_char): e.label_ for e in doc.ents if e.label_ in ("GPE", "ORG", "PLATFORM", "KG_ORG", "DATE")}
        prefixes: set[str] = set()
        franchises: set[str] = set()
        quoted: dict[str, float] = {}  # the quotes are one more cue for the same words unquoted
        quoted_spans: list[tuple[int, int]] = []
        numbered: list[tuple[int, int]] = []  # numbered sequels found as such

        def make(span: Span, cls: str, confidence: float) -> Mention:
            text = span.text[:-1] if span.text.endswith(".") and not span.text.endswith("..") else span.text  # "Fast X." ends a sentence
            return Mention(text, cls, span.start_char, span.start_char + len(text), ctx.evidence(span.sent, self.name, confidence))

        def overlaps_entity(span: Span, labels: frozenset[str] | None = None) -> bool:
            return any(s < span.end_char and span.start_char < e for (s, e), label in taken.items() if labels is None or label in labels)

        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                size = sequel_number(doc, i)
                if size and i > sent.start:
                    start = title_before(doc, i, sent.start)
                    prefix = doc[start:i]
                    while len(prefix) and prefix[-1].text in TITLE_PUNCT:
                        prefix = prefix[:-1]
                    if not len(prefix):  # "…: 2" after a colon of the sentence, no title before it
                        i += size
                        continue
                    person_with_suffix = doc[i].text.rstrip(".") in ROMAN and len(prefix) > 1 and ":" not in prefix.text and all(
                        t.ent_type_ == "PERSON" for t in prefix if t.is_alpha)  # "Yahya Abdul-Mateen II"
                    named_by_ner = overlaps_entity(prefix[-1:]) and not (prefix[-1].ent_type_ == "ORG" and (
                        size > 1 or ":" in doc[start:i].text or doc[i].ent_type_ == "ORG" and doc[i].ent_iob_ == "I"))  # NER's company "Indiana Jones 5"
                    if any(t.lower_ not in SMALL_WORDS for t in prefix) and prefix[0].lower_ not in NOT_SEQUEL_PREFIX and prefix[-1].lower_ not in NOT_SEQUEL_PREFIX and not named_by_ner and not person_with_suffix:
                        end = i + size
                        if end + 1 < sent.end and doc[end].text == ":" and doc[end + 1].is_title:
                            end = max(end, title_after(doc, end + 1, sent.end))  # "Pushpa 2: The Rule"
                        film = doc[start:end]
                        strong = ":" in prefix.text or any(t.lemma_ in cue("film_nouns") for t in doc[max(sent.start, start - 3):start])
                        yield make(film, "Film", 0.85 if strong else 0.8)
                        numbered.append((film.start_char, film.end_char))
                        prefixes.add(prefix.text)
                        i = end
                        continue
                    i += size
                    continue
                token = doc[i]
                films_somewhere = token.lower_ == "films" and i + 1 < sent.end and doc[i + 1].lower_ in ("in", "at", "on", "across", "around")
                if token.lower_ in FRANCHISE_NOUNS and i > sent.start and doc[i - 1].is_title and doc[i - 1].pos_ != "DET" and token.pos_ != "VERB" and (
                        token.is_lower or token.lower_ in SERIES_WORDS) and not films_somewhere:  # "The Last of Us films in Calgary"
                    start = title_before(doc, i, sent.start)
                    span = doc[start:i + 1] if token.is_title else doc[start:i]  # "the Marvel Cinematic Universe" is the name
                    span = franchise_name(span) if len(span) else span
                    if len(span) and not (token.is_title and ":" in span.text) and not blocked(span, allow_person=True) and (token.lower_ != "series" or doc[i - 1].is_title and i + 1 < sent.end and doc[i + 1].lower_ == "of"):
                        if token.lower_ != "series":
                            yield make(span, "Franchise", 0.9)
                            prefixes.add(span.text)
                            franchises.add(span.text)
                elif token.lower_ in INSTALMENT_NOUNS and i > sent.start + 1 and doc[i - 1].is_title and (
                        (start := title_before(doc, i, sent.start)) > sent.start and doc[start - 1].lower_ in SERIES_ORDINALS):
                    span = doc[start:i]  # "the fifth Avengers film", "the next Star Wars series"
                    if not blocked(span, allow_person=True):
                        yield make(span, "Franchise", 0.8)
                        franchises.add(span.text)
                elif token.lemma_ in cue_union("film_nouns", "genre_nouns") and (token.pos_ == "NOUN" or token.tag_ in ("VB", "VBP", "VBN", "VBD") and in_noun_phrase(token)) and (
                        token.dep_ != "compound" and i + 2 < sent.end):  # "his Netflix satire El Conde", "satire" tagged a verb
                    if persons_hit(token):
                        i += 1
                        continue
                    first = i + 2 if doc[i + 1].text == "," else i + 1  # "her 2020 debut, Promising Young Woman"
                    end = title_after(doc, first, sent.end) if doc[first].is_title else first
                    if first < end < sent.end and doc[end].like_num:
                        end += 1  # "the Cold War spy drama Deutschland 83"
                    span = doc[first:end]
                    if len(span) and (first == i + 1 or span.root.dep_ == "appos") and not overlaps_entity(span, KNOWN_NAMES) and (
                            span[-1].lower_ not in cue("organization_words")):
                        yield make(span, "Film", 0.75)  # "his 2023 Netflix satire El Conde", whatever company NER takes it for
                i += 1

        for match in QUOTES.finditer(text):
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
            apposed = span is not None and apposed_work(span)
            if span is not None and len(span) > 1 and span[-1].text in (",", ".") and (len(span) > 2 or span[0].pos_ == "PROPN" or apposed):
                span = span[:-1]  # the American comma or full stop inside the quotes: 'of "Ted Lasso," the comedy', 'for "Decision to Leave."'
            if span is None or not len(span) or len(span) > 10 or any(
                    s <= span.start_char and span.end_char <= e and label != "ORG" for (s, e), label in taken.items()):
                continue  # a quoted name ('Norway'), but not a quoted title with a name in it ("Aquaman and the Lost Kingdom") or NER's company ("Queer")
            if 1 < span.start and span.end + 1 < len(doc) and doc[span.start - 2].pos_ == "PROPN" and doc[span.end + 1].pos_ == "PROPN" and (
                    doc[span.start - 2].is_title and doc[span.end + 1].is_title):
                continue  # a nickname inside a name: Major Gale "Buck" Cleven
            words = [t for t in span if t.is_alpha]
            capitalised = [t for t in words if t.text[0].isupper() or t.lower_ in SMALL_WORDS or t.lower_ in ("and", "or")]
            if not words or not span[0].text[0].isupper() or len(capitalised) < len(words) or span[-1].text in (".", ","):
                continue
            before = word_before(span)
            if names_a_thing(span) or sung(span) or before is not None and before.lemma_.lower() in cue("other_works"):
                continue  # not 'the novel "Strangers"'
            near_cue = apposed or any(t.lemma_ in cue("film_nouns") for t in doc[max(0, span.start - 4):span.start])
            quoted[span.text] = 0.85 if near_cue else 0.65
            quoted_spans.append((span.start_char, span.end_char))
            yield make(span, "Film", quoted[span.text])

        characters = character_names(doc)
        people_parts = person_name_parts(  # of NER's "Edward Berger's Conclave" only the owner is a name; characters are none
            [OWNED.split(e.text)[0] for e in doc.ents if e.label_ == "PERSON" and e.text not in characters] + [m.text for m in ctx.mentions if m.cls == "Person"]
        )
        cues_of: dict[str, list[tuple[float, Span]]] = {}
        not_places: set[str] = set()
        placed: set[str] = set()  # names standing where a place stands, with no title cue there
        members: list[Span] = []
        for sent in doc.sents:
            for run in title_runs(sent):
                while len(run) > 1 and run[-1].text in TITLE_PUNCT:
                    run = run[:-1]
                if could_be_listed_title(run, people_parts, text) and not any(
                        s <= run.start_char and run.end_char <= e and e - s > len(run.text) for s, e in quoted_spans):
                    members.append(run)  # but not "Where to Find Them" of "Fantastic Beasts and Where to Find Them"
                if blocked(run, allow_person=True):
                    if not unknown_place(run):
                        continue
                    not_places.add(run.text)
                if run[-1].lower_ in SERIES_WORDS and len(run) > 1 and ":" not in run.text:  # but "Furiosa: A Mad Max Saga" is a film
                    franchises.add(franchise_name(run).text)
                    continue
                confidence = film_context(run)
                opens_sentence = all(not t.is_alpha for t in doc[sent.start:run.start])
                if len(run) == 1 and (run[0].pos_ == "PRON" or run[0].is_stop or opens_sentence and run[0].pos_ != "PROPN" and confidence < 0.85):
                    continue
                if run[-1].lower_ in cue("organization_words") or any(t.lower_ in ("studio", "studios") for t in run[1:]) or (
                        len(run) > 1 and run[0].ent_type_ in ("KG_ORG", "PLATFORM")):
                    continue  # "CJ Entertainment", "IFC Films", "Warner Bros. Studios Leavesden", "BBC One": companies, lots and channels in a title's place
                if sequel_number(doc, run.start) == len(run) or len(run) > 1 and run[0].lower_ in cue("award_categories") or run.text in cue("trade_terms"):
                    continue  # "Part 3 of its French hit Lupin", "Best Film", "its OTT premiere": no title on its own
                if run.start == sent.start and run.text.isupper() and not any(t.like_num or any(c.isdigit() for c in t.text) for t in run) and (
                        run.end < sent.end and doc[run.end].text in ("—", "–", "-", ",")):
                    continue  # a dateline: "WATERLOO —", but not "F1, the motorsport drama from Joseph Kosinski"
                if confidence:
                    cues_of.setdefault(run.text, []).append((confidence, run))
                elif in_place_list(run) or run.root.dep_ == "pobj" and run.root.head.lower_ in PLACE_PREPOSITIONS and not (
                        run.end < len(doc) and doc[run.end].text == "-"):  # not "Saltburn" of "in Saltburn-by-the-Sea"
                    placed.add(run.text)
        company_first_words = {m.text.split()[0] for m in ctx.mentions if m.cls == "Organization" and " " in m.text and m.evidence.confidence >= 0.9}
        films = {  # not "Focus" of "Focus Features", which news shortens the company to
            title: confidence for title, found in cues_of.items()
            if (confidence := corroborated([c for c, _ in found] + [quoted.get(title, 0.0)])) and not person_reading(title, confidence, [r for _, r in found], people_parts)
            and title not in company_first_words and not (title in placed and max(c for c, _ in found) < 0.85 and title not in quoted)
        }  # nor a name the article also puts where a place stands, with no strong cue: "the Stranda shoot", "a movie star in Stranda"
        for group in title_lists(members):
            if any(films.get(run.text, 0.0) >= 0.7 for run in group):
                for run in group:  # "Memento, The Prestige and Inception": one title makes the list titles
                    films[run.text] = max(films.get(run.text, 0.0), 0.7)
                    if any(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for t in run):
                        not_places.add(run.text)
        by_prefix: dict[str, set[str]] = {}
        for title in films:
            if ": " in title:
                by_prefix.setdefault(title.split(": ", 1)[0], set()).add(title)
        franchises |= {prefix for prefix, titles in by_prefix.items() if len(titles) > 1}  # two "X: ..." films
        claimed: list[tuple[int, int]] = []
        titles = [(t, "Franchise", 0.85) for t in franchises] + [(t, "Film", c) for t, c in films.items()]
        titles += [(short, "Film", c) for t, c in films.items() for short in subtitles(t) if short not in films and short not in franchises]
        for title, cls, confidence in sorted(titles, key=lambda item: (-len(item[0]), item[0])):
            for match in whole_words(title).finditer(text):
                if any(s < match.end() and match.start() < e for s, e in claimed) or any(
                        s <= match.start() and match.end() <= e and e - s > len(title) for s, e in numbered):
                    continue  # inside a longer title already found ("The Hunger Games" in "The Hunger Games: Catching Fire")
                span = doc.char_span(match.start(), match.end())
                if span is not None and (title in not_places or not blocked(span, allow_person=True)):
                    claimed.append((match.start(), match.end()))
                    yield make(span, cls, confidence)

        for prefix in prefixes:
            letters = initials(prefix)
            if len(letters) < 2:
                continue
            for match in ACRONYM.finditer(text):
                if match.group(1).replace(":", "").replace(".", "") != letters:
                    continue
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is None:
                    continue
                number = match.group(2)
                if number:
                    yield Mention(f"{prefix} {number}", "Film", span.start_char, span.end_char, ctx.evidence(span.sent, self.name, 0.75))
                else:
                    yield Mention(prefix, "Franchise", span.start_char, span.end_char, ctx.evidence(span.sent, self.name, 0.7))
