"""kg.clean: every step alone with a (text, expected) table, then the whole chain."""
from __future__ import annotations

import pytest

from kg.clean import (
    CLEANING_STEPS,
    clean_text,
    collapse_blank_lines,
    drop_advertisements,
    drop_embeds,
    drop_newsletter_prompts,
    drop_photo_credits,
    drop_social_bars,
    drop_teasers,
)

BEFORE, AFTER = "Tom Cruise is back in Norway.", "The shoot moves to Rome next."


def around(line: str) -> str:
    """The line between two real paragraphs, as the steps see it in an article."""
    return f"{BEFORE}\n{line}\n{AFTER}"


DROPPED = {
    drop_newsletter_prompts: [
        "Subscribe to our weekly culture newsletter", "Sign up for our newsletter!",
        "Join our mailing list for the latest updates.",
    ],
    drop_advertisements: [
        "Advertisement", "ADVERTISEMENT", "  Advertisement  ", "Advertisements", "Sponsored",
        "Sponsored Content", "Ad", "Story continues below advertisement",
    ],
    drop_teasers: [
        "Must Read: Tom Cruise's Stunt Goes Viral", "Also Read: Mission: Impossible 7 Wraps in Rome",
        "Read More: The Batman Sequel", "READ MORE - Dune Part Two", "Related: Tenet Box Office",
        "Related Stories: Nolan's Next Film", "More News | Netflix Renews The Crown",
        "Don't Miss: The Oscars Recap", "Dont miss: x", "Recommended: x", "Trending Stories: x",
        "Must-Read: x", "Keep scrolling for more picks: The 15 Best New Shows", "Most popular: Berlin Clubs Reopen",
        "Read next: BAFTA Nominations: The Full List",
    ],
    drop_social_bars: [
        "Follow Us: Facebook | Instagram | Twitter | Youtube", "Follow us", "FOLLOW US ON:",
        "Follow Collider on: Twitter", "Share this article:", "Share this:", "Share on Facebook",
        "Share", "Share Article", "Facebook | Instagram | Twitter", "Facebook Twitter WhatsApp Email",
        "Email | Copy link", "X, Facebook", "Pin it | Share on Facebook | Share on X", "Share: Facebook | X | Email",
    ],
    drop_embeds: [
        "View this post on Instagram", "View this post on TikTok",
        "A post shared by Tom Cruise (@tomcruise)",
        "A post shared by Mission: Impossible (@missionimpossible) on Oct 4, 2020 at 9:00am PDT",
        "Norway 🇳🇴 pic.twitter.com/abc123", "pic.twitter.com/abc",
        "— Christopher McQuarrie (@chrismcquarrie) October 4, 2020",
        "— Tom Cruise (@TomCruise) October 4, 2020", "- Tom (@t) May 1, 2021",
        "Watch the video here:", "Watch this video below", "Watch the video",
        "Watch the trailer below:", "See the post here",
    ],
    drop_photo_credits: [
        "Photo: Getty Images", "Image credit: Netflix", "Image Credits: Warner Bros.",
        "(Photo: Paramount Pictures)", "Photo by John Smith/Getty Images", "Photo courtesy of A24",
        "Featured Image: Instagram", "Pictures - Paramount", "Credit: Netflix", "Source: Deadline",
        "Courtesy: A24", "Getty Images", "(AP Photo/Chris Pizzello)", "Reuters/Mario Anzuoni",
    ],
}

# Lines no step may drop: author bios, real sentences that share words with furniture.
KEPT = [
    "Jane Doe is a staff writer for Variety.",
    "Join the cast of thousands who agree that the film works.",
    "Allie Gemmill is a Staff Writer at Collider. She loves film.",
    "Christopher McQuarrie shared a still on Instagram as the team heads to Roma.",
    "He posted on Instagram that filming had wrapped.",
    "Twitter and Instagram were full of it.",
    "Instagram",  # a lone platform name might be a heading; one name is not a share bar
    "Actors must read the script before the table read.",
    "Must read the script, said the director, before signing.",
    "Also, the film was shot in Norway.",
    "More than 100 people worked on the stunt.",
    "Read the full interview below.",
    "Related to that, the sequel moves to 2022.",
    "Advertisements for the film covered Times Square.",
    "The ad campaign starts in May.",
    "Sharing the screen with Cruise was a dream, Atwell said.",
    "Shared by the studio, the clip went viral.",
    "Shares in Netflix rose 5% on Monday.",
    "Follow the money, the producer joked.",
    "Follow Tom Cruise on his next adventure this summer.",
    "Watch the trailer below for a glimpse of the new stunt.",
    "View this post as a teaser, the studio said.",
    "Photos of the set leaked online.",
    "Images of the set leaked online.",
    "Picture this: a man on a motorbike jumping off a cliff.",
    "Video game adaptations are booming.",
    "Sources say the film will be delayed.",
    "X marks the spot, the director said.",
    "— Tom Cruise, speaking to Empire",
]

# Real sentences that look like furniture at first sight (one line is a whole paragraph in an article).
WRONGLY_DROPPED = [
    pytest.param(
        "Share prices of Cineworld fell 40% after No Time to Die was delayed to 2021.",
        id="share-prices",
    ),
    pytest.param(
        "Share the screen with Tom Cruise? Hayley Atwell says she never expected it.",
        id="share-verb",
    ),
    pytest.param(
        "A post shared by Tom Cruise on Instagram on Monday showed him hanging from a plane.",
        id="a-post-shared-by",
    ),
    pytest.param(
        "Also — and this is the twist — Cruise did the stunt himself.",
        id="also-dash",
    ),
    pytest.param(
        "Photos by fans of the set in Norway went viral on Twitter.",
        id="photos-by",
    ),
]

NAMES = {
    drop_advertisements: "advertisements", drop_teasers: "teasers", drop_social_bars: "social-bars",
    drop_embeds: "embeds", drop_photo_credits: "photo-credits", drop_newsletter_prompts: "newsletter",
}


@pytest.mark.parametrize(
    "step, line",
    [pytest.param(step, line, id=f"{NAMES[step]}-{n}") for step, lines in DROPPED.items() for n, line in enumerate(lines)],
)
def test_step_drops_its_furniture(step, line):
    assert step(around(line)) == f"{BEFORE}\n{AFTER}"
    assert step(line) == ""


def test_every_step_is_tested_alone():
    assert set(NAMES) | {collapse_blank_lines} == set(CLEANING_STEPS)


@pytest.mark.parametrize("line", KEPT)
def test_real_lines_are_kept_by_every_step(line):
    text = around(line)
    for step in CLEANING_STEPS[:-1]:
        assert step(text) == text
    assert clean_text(text) == text


@pytest.mark.parametrize("line", WRONGLY_DROPPED)
def test_real_sentence_is_kept(line):
    assert clean_text(around(line)) == around(line)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a\n\n\n\nb", "a\n\nb"),
        ("a\n \n\t\nb", "a\n\nb"),
        ("\n\n a\nb \n\n", "a\nb"),
        ("a\nb", "a\nb"),
        ("", ""),
    ],
)
def test_collapse_blank_lines(text, expected):
    assert collapse_blank_lines(text) == expected


def test_steps_are_pure_and_idempotent():
    text = around("Advertisement")
    for step in CLEANING_STEPS:
        once = step(text)
        assert step(once) == once
    assert text == around("Advertisement")


ARTICLE = """Tom Cruise is back with another stunt in 'Mission: Impossible 7'. The actor resumed the shoot in Norway.

Advertisement

Must Read: Tom Cruise's Top Gun Sequel Delayed Again

Director Christopher McQuarrie shared a still on Instagram as the team heads to Roma.

View this post on Instagram

A post shared by Christopher McQuarrie (@christophermcquarrie)

Norway's scale and beauty have left an indelible imprint. pic.twitter.com/x7Yq2

— Christopher McQuarrie (@chrismcquarrie) October 4, 2020

Watch the video here:

Photo: Getty Images

Image credit: Paramount



The film is due in theaters on November 19, 2021.
Share this article:
Follow Us: Facebook | Instagram | Twitter | Youtube
Allie Gemmill is a Staff Writer at Collider."""

EXPECTED = """Tom Cruise is back with another stunt in 'Mission: Impossible 7'. The actor resumed the shoot in Norway.

Director Christopher McQuarrie shared a still on Instagram as the team heads to Roma.

The film is due in theaters on November 19, 2021.
Allie Gemmill is a Staff Writer at Collider."""


def test_clean_text_on_an_article():
    assert clean_text(ARTICLE) == EXPECTED
    assert clean_text(EXPECTED) == EXPECTED
