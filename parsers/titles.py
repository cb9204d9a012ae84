"""How a bulletin is titled and addressed on the MoD-era sites (mirror/SITES.md §1-4): the
wording that tells a bulletin (or a news item that may be one) from other news. Neither a
title nor an address ever dates a page; see parsers.dates for the dates titles state."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# Words of the bulletin titles and leads, for finding the bulletin in a page of no known
# layout and for sniffing a page's format.
TITLE_MARKERS = (
    "бойові втрати противника",
    "бойові втрати ворога",
    "бойові втрати росіян",
    "Бойові втрати ворога",
    "Бойові втрати противника",
    "втрати противника",
    "losses of the enemy",
    "combat losses of russians",
    "russian combat losses",
    "russian military losses",
)

# A bulletin's own title or lead ("Загальні бойові втрати противника з 24.02 по 08.07",
# "Бойові втрати ворога на 5 лютого 2026 року", "The estimated combat losses of russians
# over the last day: …", "Total russian combat losses in Ukraine as of …"), as opposed to
# news that mention losses ("Втрати ворога на Бахмутському напрямку", "The enemy's losses
# near …").
BULLETIN_TITLE_RE = re.compile(
    r"бойові\s+втрати\s+(?:противника|ворога|росіян)|втрати\s+противника\s+з\s+24|"
    r"combat\s+losses\s+of\s+(?:the\s+enemy|russians)|russian\s+(?:combat|military)\s+losses",
    re.IGNORECASE,
)
# Headlines that may head a bulletin: the uk mil.gov.ua day headlines ("Втрати російських
# окупантів становлять понад 1637 танків…") and the decoys, which only the page tells
# apart.
_LOSSES_HEADLINE_RE = re.compile(
    r"(?=.*втрат)(?=.*(?:окупант|ворог|противник))|"
    r"(?=.*\blosses\b)(?=.*(?:\benemy|\brussian|\boccupier|\binvader))",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_bulletin_title(title: str) -> bool:
    """Whether a news title may be a bulletin's: a bulletin title, or a headline about the
    enemy's losses (decoys included: the page decides)."""
    return bool(BULLETIN_TITLE_RE.search(title) or _LOSSES_HEADLINE_RE.match(title))


# The slug families of the bulletin pages (SITES.md §1, §3, §4; kmu.gov.ua §2), with the
# typo "agalni-", "-osib-", "-1" duplicates and both transliterations.
_BULLETIN_SLUG_RE = re.compile(
    r"(?:^|-)z?agalni-bojovi-vtrati-|zahalni-boiovi-vtraty-|"
    r"(?:^|-)bojovi-vtrati-(?:voroga|protivnika|rosiyan)-|boiovi-vtraty-(?:voroha|protyvnyka)-|"
    r"combat-losses-of-(?:the-enemy|russians)|russian-(?:combat|military)-losses|"
    r"(?:^|-)vtrat[a-z]*-(?:[a-z]+-){0,2}(?:okupant|vorog|voroh|protivnik|protyvnyk)|"
    r"^post-\d+$"  # one 2024 bulletin's slug (SOURCES.md §1c); the page decides
)


def looks_like_bulletin_url(url: str) -> bool:
    """Whether a page's address is in one of the slug families bulletins are published
    under. A hint for which pages to fetch only: a slug never dates a page (some name the
    wrong day)."""
    path = unquote(urlsplit(url).path).rstrip("/").lower()
    slug = path.rsplit("/", 1)[-1]
    return bool(_BULLETIN_SLUG_RE.search(slug))
