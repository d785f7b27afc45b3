"""Who does what on a film: directs, actsIn, writes, produces, worksOn.

Three cue families, all read from ``ontology/patterns/cues.json``:
role nouns next to a name ("director Christopher Nolan", "Nolan, the director",
"the actress"), role verbs with the person as subject ("Villeneuve directs", "Zendaya
stars in"), and passive or participle phrases ("directed by X", "starring X"). The film is
the one the sentence names nearest the cue, else the article's main film.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterator

from spacy.tokens import Span, Token

from kg.extractors import register
from kg.extractors.common import (anchor, bracket_owner, cue, cue_union, film_for, is_negated, lead_end, listed_films, mention_at,
                                  speculative, tokens_of, topic)
from kg.names import full_names_by_last_word
from kg.types import ArticleContext, Mention, Relation


def noun_role(token: Token) -> str | None:
    """The relation a role noun implies ("director" -> directs; "casting director" -> worksOn;
    "a streaming writer for WatchNext" is a journalist, no screenwriter)."""
    role = cue("role_nouns").get(token.lemma_.lower()) or cue("role_nouns").get(token.lower_)
    if role == "writes" and token.lemma_.lower() in cue("journalist_nouns") and any(
            c.dep_ == "prep" and c.lower_ in ("for", "at", "with") for c in token.children):
        return None
    if role == "directs" and any(
            c.dep_ == "prep" and c.lower_ in ("of", "at") and any(g.dep_ == "pobj" and g.ent_type_ in ("ORG", "KG_ORG") for g in c.children)
            for c in token.children):
        return None  # "the director of Bethesda Game Studios" runs a company
    if role == "directs" and any(
        c.lower_ in cue("crew_director_modifiers") or (c.dep_ == "prep" and any(g.lower_ == "photography" for g in c.children))
        for c in token.children
    ):
        return "worksOn"
    return role


def role_near_name(span: Span) -> tuple[str, Token] | None:
    """A role noun just before a name (same clause) or in apposition right after it."""
    doc = span.doc
    i = span.start - 1
    steps = 0
    while i >= span.sent.start and steps < 6:
        token = doc[i]
        role = noun_role(token)
        if role:
            return role, token
        if token.pos_ in ("VERB", "AUX") or token.ent_type_ == "PERSON" or token.pos_ == "ADP" and token.lower_ in ("for", "in", "at", "on", "from", "to", "by"):
            break  # "won Best Actor for Sandeep Reddy Vanga's Animal": the actor is the winner; but "producers, alongside X"
        i -= 1
        steps += 1
    root = anchor(span)
    for child in root.children:
        if child.dep_ == "appos" and noun_role(child):
            return noun_role(child), child
    if root.dep_ == "appos" and noun_role(root.head):
        return noun_role(root.head), root.head
    if root.dep_ == "nsubj" and root.head.lemma_ == "be" or root.dep_ == "nsubjpass":
        for attr in root.head.children:
            if attr.dep_ in ("attr", "oprd") and noun_role(attr):
                return noun_role(attr), attr  # "X is the director", "X was named best director for Y"
    return None


def first_conjunct(span: Span) -> Span:
    """For "Andrew Macdonald and Allon Reich": the span of the first name of the list."""
    token = anchor(span)
    while token.dep_ in ("conj", "appos") and token.head.i != token.i and token.head.pos_ == "PROPN" and (
        token.dep_ == "conj" or token.pos_ == "PROPN"
    ):
        token = token.head  # "Kennedy, Marshall and Emanuel" (the parser makes the second an apposition)
    if token.i == anchor(span).i:
        return span
    return span.doc[token.left_edge.i if token.left_edge.pos_ == "PROPN" else token.i:token.i + 1]


def with_conjuncts(verb: Token) -> list[Token]:
    """"wrote and directed": both verbs; "returns to direct": the verb it leads to as well.
    A conjoined clause with a subject of its own passes on only a part in the cast ("X
    plays the president, and Y turns up ..."), not "X produces, and Y returns to score";
    a verb before this one shares its subject only with what follows it ("Miyazaki wrote
    and directed, his producer Toshio Suzuki is back")."""
    verbs = [verb, *(c for c in verb.conjuncts if c.pos_ in ("VERB", "AUX") and (
        verb_role(c) == "actsIn" or c.i > verb.i and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)))]
    return verbs + [c for v in verbs for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]


def verb_role(verb: Token) -> str | None:
    """The role a verb gives its subject; "lead" only when what is led is no company,
    project or place ("led the Manhattan Project" is no part in a cast); "write" is no
    screenplay when it is about something for an outlet ("writes about TV for Z") or
    when it is music ("wrote the score")."""
    role = cue("role_verbs").get(verb.lemma_.lower())
    if role == "writes" and any(c.dep_ == "prep" and c.lower_ == "about" or c.dep_ == "ccomp" for c in verb.children):
        return None  # "writes about TV", "wrote, 'Coldest of the temperatures ...'"
    if role == "writes" and any(t.text in ('"', "“", "'", "‘") for t in verb.doc[verb.i + 1:verb.i + 3]):
        return None
    if role == "writes" and any(c.dep_ == "dobj" and c.lemma_.lower() in cue("music_nouns") for c in verb.children):
        return "worksOn"
    if verb.lemma_.lower() == "lead" and any(
        c.dep_ == "dobj" and (c.ent_type_ in ("ORG", "GPE", "LOC", "FAC", "NORP", "EVENT") or c.pos_ == "NOUN" and c.lemma_.lower() not in cue_union("film_nouns", "cast_sentence"))
        for c in verb.children
    ):
        return None
    return role


def roles_from_verbs(span: Span) -> list[tuple[str, Token]]:
    """Role verbs whose subject, 'by' agent or object the name is (conjoined verbs too)."""
    root = anchor(span)
    head = root.head
    found: list[tuple[str, Token]] = []
    if root.dep_ in ("nsubj", "nsubjpass"):
        found += [(role, verb) for verb in with_conjuncts(head) if (role := verb_role(verb))]
        casting = root.dep_ == "nsubj" and head.lemma_ == "cast" and any(c.dep_ == "dobj" for c in head.children)  # "Luhrmann cast Butler"
        if head.lemma_.lower() in cue("cast_joining") and any(w.lower_ in ("cast", "ensemble", "lineup") for w in head.subtree) and not casting:
            found.append(("actsIn", head))
        if root.dep_ == "nsubjpass" and head.lemma_.lower() == "cast":
            found.append(("actsIn", head))
    if root.dep_ == "nsubj" and head.lower_ == "executive" and head.head.lemma_ == "produce":
        found.append(("produces", head.head))  # "X, Y and Z also executive produce"
    if root.dep_ in ("nsubj", "dobj"):  # "Hiroyuki Sanada also serves as a producer", "reunites Damon and Affleck as screenwriters"
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "as"):
            found += [(role, noun) for noun in prep.children if noun.dep_ == "pobj" and (role := noun_role(noun))]
    for relcl in (c for c in root.children if c.dep_ == "relcl" or root.dep_ == "ROOT" and c.dep_ == "acl" and c.tag_ in ("VBD", "VBN") and not any(
            g.dep_ == "agent" for g in c.children)):
        found += [(role, verb) for verb in with_conjuncts(relcl) if (role := verb_role(verb))]  # and "X and Y produced", parsed verbless
    if root.dep_ == "pobj" and head.dep_ == "agent":
        verb = head.head  # "written and directed by X": X did both; "directed by X and produced by Y": not
        verbs = [verb, *(c for c in with_conjuncts(verb)[1:] if c.tag_ == "VBN" and not any(g.dep_ == "agent" for g in c.children))]  # not "and starring Y"
        if verb.dep_ == "conj" and not any(g.dep_ == "agent" for g in verb.head.children):
            verbs.append(verb.head)
        found += [(role, v) for v in verbs if (role := verb_role(v))]
    if root.dep_ in ("dobj", "pobj") and (head.lower_ in ("starring", "featuring", "stars", "star") or head.lemma_ == "feature" and head.pos_ == "VERB"):
        found.append(("actsIn", head))
    if root.dep_ == "pobj" and head.lower_ in ("with", "alongside", "opposite") and head.head.lemma_.lower() in ("star", "co-star", "appear", "play"):
        found.append(("actsIn", head.head))
    elif (verb := credited_with(root)) is not None and (role := verb_role(verb)) and not any(
            c.tag_ == "VBG" or c.dep_ in ("acl", "relcl") for c in root.children):
        found.append((role, verb))  # "a script he wrote with Scott Silver", not "with X leading the ensemble"
    elif root.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in ("credit", "screenplay", "script"):
        found.append(("writes", head.head))  # "shares screenplay credit with Dan Mazeau"
    if root.dep_ == "pobj" and head.lower_ == "with" and head.head.dep_ == "pobj" and head.head.head.lower_ == "by":
        head = head.head.head  # "The screenplay, by Joe Russo with Christopher Markus and Stephen McFeely"
    if root.dep_ == "pobj" and (head.lower_ == "by" or head.lower_ == "to" and head.head.lemma_ == "credit"):
        work = head.head if head.head.lemma_ not in ("be", "credit") else next(
            (c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), head.head)  # "The screenplay is by X", "is credited to X"
        if work.lemma_.lower() in SCRIPT_NOUNS:
            found.append(("writes", head))  # "from a script by X"
        elif work.lemma_.lower() in cue("music_nouns"):
            found.append(("worksOn", head))  # "music by X", "The score is by X"
    return found


SCRIPT_NOUNS = {"screenplay", "script", "teleplay", "story"}


def credited_with(root: Token) -> Token | None:
    """The verb a name shares a credit on through "with" or "alongside": "produced it with
    Catherine Martin", "along with Gail Berman", "producing through LuckyChap with her
    husband Tom Ackerley"."""
    if root.dep_ == "appos" and root.head.dep_ == "pobj":
        root = root.head
    if root.dep_ != "pobj" or root.head.lower_ not in ("with", "alongside"):
        return None
    node = root.head.head
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.dep_ not in ("prep", "pobj", "advmod") or node.head.i == node.i:
            return None
        node = node.head
    return None


def in_cast_parenthesis(span: Span) -> Token | None:
    """"Carmy Berzatto (Jeremy Allen White)", "a reporter (Wagner Moura)": an actor named
    in brackets after the part they play."""
    doc = span.doc
    if span.start > 1 and span.end < len(doc) and doc[span.start - 1].text == "(" and doc[span.end].text == ")":
        before = doc[span.start - 2]
        if before.pos_ in ("PROPN", "NOUN"):
            return before
    return None


def bracketed_works(ctx: ArticleContext, span: Span) -> list[Mention]:
    """"Greig Fraser (Rogue One, Lion)": the films in brackets right after a name, which
    news gives as that person's earlier work."""
    films = {}
    for film in ctx.mentions_in(span.sent, "Film"):
        owner = bracket_owner(tokens_of(ctx, film))
        if owner is not None and owner.i == span.end - 1:
            films.setdefault(film.text, film)
    return list(films.values())


def career_works(ctx: ArticleContext, span: Span) -> list[tuple[Mention, str | None]]:
    """"Cretton, whose previous films include Short Term 12", "Siddharth Anand, the
    filmmaker behind War", "Coogler, who broke out with Fruitvale Station": films in a
    phrase hanging off a name are that person's work. The role is the first role word on
    the way up from the film to the name, if any; no other person or company may stand on
    that way."""
    person = anchor(span)
    found = []
    for film in ctx.mentions_in(span.sent, "Film"):
        film_span = tokens_of(ctx, film)
        if film_span is None or film.evidence.extractor == "coref" or ctx.shadowed(film):
            continue
        owner = bracket_owner(film_span)
        if owner is not None and not span.start <= owner.i < span.end:
            continue  # "Ray Fisher (reuniting with Snyder after playing Cyborg in Justice League)": his, not the list's
        node, role = anchor(film_span), None
        while node.head.i != node.i and node.i != person.i:
            node = node.head
            if node.i != person.i and (mention_at(ctx, node, "Person", "Organization") is not None or node.ent_type_ == "PERSON"):
                break  # "Gareth Neame of Carnival Films, the company best known for Downton Abbey": the company's
            if node.pos_ in ("VERB", "AUX") and any(
                    c.dep_ in ("nsubj", "nsubjpass") and any(t.ent_type_ == "PERSON" for t in c.subtree) for c in node.children):
                break
            role = role or (verb_role(node) if node.pos_ == "VERB" else noun_role(node) if node.pos_ == "NOUN" else None)
        else:
            if node.i == person.i:
                found.append((film, role))
    return found


def possessed_film(ctx: ArticleContext, token: Token) -> bool:
    """"Scorsese's Killers of the Flower Moon", "Garland's road movie": a film or film noun
    owned by a person, which film news uses for the film's director."""
    if token.lemma_.lower() in cue_union("film_nouns", "genre_nouns"):
        return True  # "Eggers' Viking revenge epic", "Mukerji's fantasy adventure"
    if mention_at(ctx, token, "Film") is not None:
        return True  # "Greta Gerwig's live-action Barbie", whatever NER thinks Barbie is
    return token.ent_type_ in ("WORK_OF_ART", "ORG", "") and token.pos_ == "PROPN" and token.is_title and token.idx < lead_end(ctx.doc)
    # a title kg did not recognise falls to the article's main film: safe only in the lead


def cast_cue(sent: Span) -> Token | None:
    """A word that makes the sentence one about the cast ("round out the cast", "reunites",
    "are also back", "are seen in key roles", "all return"); a cast word written with a
    capital mid-sentence is part of a name (the "Stars" of "Stars at Noon")."""
    words = cue("cast_sentence")
    return next((t for t in sent if (t.is_lower or t.i == sent.start) and (t.lemma_.lower() in words or t.lower_ in words)
                 or t.lower_ == "back" and t.head.lemma_ in ("be", "come") or returns_as(t)
                 or t.lemma_.lower() in ("role", "part") and any(c.lower_ in cue("role_sizes") for c in t.children)
                 or t.lemma_.lower() == "return" and t.pos_ == "VERB" and returning_people(t)
                 or t.lemma_.lower() == "round" and any(c.lower_ in ("out", "off") for c in t.children)), None)  # "round out the squadron"


def with_crew(cast: Token) -> bool:
    """"Berger reunited with composer Volker Bertelmann", "produced alongside X", "the
    lineup behind the camera": a cast word whose verb has crew with it, or is itself a crew
    verb, or a sentence about who is behind the camera, makes no cast sentence."""
    verb = cast.head if cast.dep_ == "prep" else cast
    if verb_role(verb) not in (None, "actsIn") or any(t.lower_ == "camera" and t.head.lower_ == "behind" for t in cast.sent):
        return True  # "the lineup behind the camera" is crew
    return any(t.dep_ == "pobj" and t.head.lower_ == "with" and any(noun_role(w) not in (None, "actsIn") for w in t.subtree)
               for t in verb.subtree)


def returning_people(verb: Token) -> bool:
    """"Karl Urban, Jack Quaid and Erin Moriarty all return": a list of people coming back
    is a cast; one person returning may be going somewhere ("Cameron returns to Pandora")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and sum(t.ent_iob_ == "B" and t.ent_type_ == "PERSON" for t in subject.subtree) > 1


def returns_as(token: Token) -> bool:
    """"return as M, Moneypenny and Q", "back as Gwen Stacy", "returns as the voice of
    Miles": read off the surface, as the parser often makes "return" a noun here."""
    doc = token.doc
    if token.lower_ not in ("return", "returns", "returning", "back") or token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "as":
        return False
    after = doc[token.i + 2]
    return after.pos_ == "PROPN" or after.lower_ == "the" and token.i + 3 < len(doc) and doc[token.i + 3].lower_ == "voice"


def as_character(root: Token) -> Token | None:
    """"X returns as Bruce Wayne", "with Y back as Gwen Stacy", "Z as the Front Man": a
    name with "as" and a proper name (no job: "as producer", "as CEO") plays a part."""
    holders = [root, *(c for c in root.children if c.lower_ == "back")]
    if root.dep_ in ("nsubj", "nsubjpass"):
        holders += [root.head, *(c for c in root.head.children if c.lower_ == "back")]
    preps = [c for holder in holders for c in holder.children if c.dep_ == "prep" and c.lower_ == "as"]
    after = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if after is not None and after.lower_ == "as" and after.dep_ == "prep":
        preps.append(after)  # "New faces include Tenoch Huerta as Namor": the parser hangs "as" on the verb
    jobs = cue_union("job_nouns", "name_titles", "journalist_nouns")
    for prep in preps:
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            named = obj.pos_ == "PROPN" or obj.pos_ == "NOUN" and any(t.pos_ == "PROPN" and t.is_title and t.i > obj.i for t in obj.subtree)
            if named and not noun_role(obj) and obj.lower_ not in jobs and obj.ent_type_ not in ("ORG", "GPE", "DATE", "NORP", "PLATFORM", "KG_ORG"):
                return prep
    return None


def roles_of(ctx: ArticleContext, span: Span) -> list[tuple[str, Token, float]]:
    """Every role cue for one name, with the confidence its cue family earns.

    A name with no cue of its own, in a sentence about the cast, is taken for a cast
    member at a lower confidence ("Viola Davis, Peter Dinklage and Jason Schwartzman
    round out the cast").
    """
    lead = first_conjunct(span)
    found = []
    near = role_near_name(lead)
    if near:
        found.append((*near, 0.85))
    found += [(role, verb, 0.8) for role, verb in roles_from_verbs(lead)]
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].lower_ == "starrer":
        found.append(("actsIn", doc[span.end + 1], 0.8))  # "the Yash-starrer", Indian film news for a star vehicle
    elif span.end + 1 < len(doc) and doc[span.end].text == "-" and doc[span.end + 1].tag_ == "VBN" and (role := verb_role(doc[span.end + 1])):
        found.append((role, doc[span.end + 1], 0.8))  # "the Siddharth Anand-directed spy thriller"
    character = as_character(anchor(span))
    if character is not None:
        found.append(("actsIn", character, 0.75))
    bracket = in_cast_parenthesis(span)
    if bracket is not None:
        found.append(("actsIn", bracket, 0.7))
    if not found and anchor(span).dep_ == "poss" and possessed_film(ctx, anchor(span).head):
        found.append(("directs", anchor(span).head, 0.7))
    if not found:
        cast = cast_cue(span.sent)
        if cast is not None and anchor(span).dep_ not in ("poss",) and not with_crew(cast):
            found.append(("actsIn", cast, 0.65))
    return found


@register
class Roles:
    """Roles of people on films from role nouns, role verbs and 'directed by'/'starring'."""

    name = "roles"
    description = "directs, actsIn, writes, produces, worksOn from role nouns and verbs"

    def extract(self, ctx: ArticleContext) -> Iterator[Relation]:
        found = list(self.roles(ctx))
        full_names = full_names_by_last_word(m.text for m in ctx.mentions if m.cls == "Person")

        def who(person: Mention) -> str:
            return full_names.get(person.text, person.text)  # "Nolan" is "Christopher Nolan"

        actors = {who(r.subject) for r, owner in found if r.predicate == "actsIn" and r.evidence.confidence >= 0.8}
        cast_at_all = {who(r.subject) for r, owner in found if r.predicate == "actsIn"}
        directing = {who(r.subject) for r, owner in found if r.predicate == "directs" and not owner}
        directed = {r.object.text for r, owner in found if r.predicate == "directs" and not owner}
        for relation, owner in found:
            if relation.predicate == "actsIn" and relation.evidence.confidence < 0.7 and who(relation.subject) in directing - actors:
                continue  # "Nolan reunites with ..." in a cast sentence: the article made him a director, and no actor
            if owner and (who(relation.subject) in actors - directing or relation.object.text in directed and who(relation.subject) not in directing):
                if who(relation.subject) not in cast_at_all:
                    continue  # "Alia Bhatt's Brahmastra", which the article says Ayan Mukerji directed: not hers to direct
                relation = Relation(relation.subject, "actsIn", relation.object, relation.evidence)  # "Shah Rukh Khan's Pathaan": a star's
            yield relation
        roles_of_person: dict[str, Counter] = {}
        sure_roles: dict[str, Counter] = {}  # of cues, not of "a name in a cast sentence"
        for relation, _ in found:
            roles_of_person.setdefault(who(relation.subject), Counter())[relation.predicate] += 1
            if relation.evidence.confidence >= 0.7:
                sure_roles.setdefault(who(relation.subject), Counter())[relation.predicate] += 1
        main = topic(ctx, "Film")
        for person in [m for m in ctx.mentions if m.cls == "Person" and m.evidence.extractor != "coref"]:
            span = tokens_of(ctx, person)
            if span is None:
                continue
            roles, sure = roles_of_person.get(who(person)), sure_roles.get(who(person))
            for film in bracketed_works(ctx, span) if roles else ():
                # "Pedro Pascal (The Mandalorian, Narcos)": the part the article gives him, in each
                yield Relation(person, roles.most_common(1)[0][0], film, ctx.evidence(span.sent, self.name, 0.7))
            for film, role in career_works(ctx, span):
                role = role or (sure.most_common(1)[0][0] if sure else None)
                if role and (main is None or film.text != main.text):
                    yield Relation(person, role, film, ctx.evidence(span.sent, self.name, 0.7))

    def roles(self, ctx: ArticleContext) -> Iterator[tuple[Relation, bool]]:
        """Each role found, and whether it is only a film's owner ("Scorsese's ..."), which
        film news writes for its director and, of a star the article casts, for the star."""
        for person in [m for m in ctx.mentions if m.cls == "Person"]:
            span = tokens_of(ctx, person)
            if span is None or ctx.shadowed(person):
                continue
            if person.evidence.extractor == "coref":
                head = span[-1]
                found = [(noun_role(head), head, 0.7)] if noun_role(head) else []
            else:
                found = roles_of(ctx, span)
            sent = span.sent
            for role, cue_token, confidence in dict.fromkeys(found):
                if is_negated(cue_token) or cue_token.pos_ == "NOUN" and is_negated(anchor(span)) and (
                        anchor(span).head.lemma_.lower() in cue("participation_verbs")):
                    continue  # "will not direct", "series creator Derek Kolstad is not involved", not "stars X ... will no longer make the trip"
                film = film_for(ctx, sent, near=cue_token, aside=anchor(span))
                if film is None:
                    continue
                if speculative(sent, near=cue_token):
                    confidence = 0.4
                owner = role == "directs" and anchor(span).dep_ == "poss" and cue_token.i == anchor(span).head.i
                second = cue("second_roles").get(cue_token.lemma_.lower())  # "created by X": X writes and produces
                for listed in listed_films(ctx, sent, film, cue_token):
                    yield Relation(person, role, listed, ctx.evidence(sent, self.name, confidence)), owner
                    if second and role == "writes":
                        yield Relation(person, second, listed, ctx.evidence(sent, self.name, confidence)), owner
