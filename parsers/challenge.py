"""Anti-bot interstitials answered instead of a page (mirror/SITES.md §7).

The MoD sites sat behind Cloudflare. Its challenge ("Just a moment...") is a small page of
its own; a normal page of a protected site may carry Cloudflare's beacon and its
`__CF$cv$params` / `/cdn-cgi/challenge-platform/scripts/` bot detection too (the real
mil.gov.ua pages do), so those alone never make a page a challenge."""

from __future__ import annotations

from parsers.errors import ChallengePage

# What only a challenge page carries, in bytes: the challenge's own options object and
# form token, the path of its orchestration script, and its titles.
_CHALLENGE_MARKS: tuple[tuple[bytes, str], ...] = (
    (b"_cf_chl_opt", "a Cloudflare challenge page (a browser check)"),
    (b"__cf_chl_", "a Cloudflare challenge page (a browser check)"),
    (b"/cdn-cgi/challenge-platform/h/", "a Cloudflare challenge page (a browser check)"),
    (b"<title>Just a moment...</title>", "a Cloudflare challenge page (a browser check)"),
    (b"<title>Attention Required! | Cloudflare</title>", "a Cloudflare block page"),
)
# A challenge page is small; a real page that quotes a mark (a news item about
# Cloudflare) is told apart by also holding the site's article markup.
_MAX_CHALLENGE_BYTES = 200_000
_PAGE_MARKS = (b'id="aticle-content"', b"editor-content", b"news-detail", b"see-also")


def challenge_kind(body: bytes | str) -> str | None:
    """What kind of interstitial the body is ("a Cloudflare challenge page (a browser
    check)"), or None for anything else. Pure; for error-status bodies too."""
    if not body or len(body) > _MAX_CHALLENGE_BYTES:
        return None
    text = isinstance(body, str)
    # The article markup first: a page's is near its top (mil.gov.ua's at ~11 KB of 26),
    # where the challenge marks would each be looked for in the whole page.
    if any((m.decode() if text else m) in body for m in _PAGE_MARKS):
        return None
    for mark, kind in _CHALLENGE_MARKS:
        if (mark.decode() if text else mark) in body:
            return kind
    return None


def raise_if_challenge(body: bytes | str, what: str, url: str | None = None) -> None:
    """ChallengePage naming what was expected, when the body is an interstitial."""
    kind = challenge_kind(body)
    if kind:
        where = f" ({url})" if url else ""
        raise ChallengePage(f"{kind} instead of the {what}: it is a challenge page{where}")
