"""parsers.urls.join is urljoin, whatever the link: the short path for plain absolute
and root links gives what urljoin gives, and every other link goes to urljoin."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.urls import join

BASES = [
    "https://www.mil.gov.ua/news/",
    "http://127.0.0.1:8765/mod/news?page=2",
    "https://mod.gov.ua",
    "HTTPS://User@Host:8080/a/b;p?q#f",
    "file:///srv/page.html",
    "",
]
PREFIXES = ["", "/", "//", "http://", "https://", "HTTP://", "https:///", "ftp://", "?", "#"]
ALPHABET = "/.?#;%:@[]aZ09-_~+=& \tї"
PLAIN = "/.?aZ09-_%="  # what the short path takes, so that it is taken often


@settings(max_examples=3000, deadline=None)
@given(
    base=st.sampled_from(BASES),
    prefix=st.sampled_from(PREFIXES),
    rest=st.text(alphabet=ALPHABET, max_size=24) | st.text(alphabet=PLAIN, max_size=24),
)
def test_join_is_urljoin(base, prefix, rest):
    link = prefix + rest
    try:
        expected = urljoin(base, link)
    except ValueError as exc:  # an invalid host ("[" unbalanced): joined, it raises too
        with pytest.raises(ValueError):
            join(base, link)
        assert exc
        return
    assert join(base, link) == expected


@pytest.mark.parametrize(
    ("base", "link", "joined"),
    [
        (
            "https://mod.gov.ua/news?page=3",
            "/news/bojovi-vtrati",
            "https://mod.gov.ua/news/bojovi-vtrati",
        ),
        (
            "http://127.0.0.1:8765/mod/news",
            "/mod/news?page=4",
            "http://127.0.0.1:8765/mod/news?page=4",
        ),
        (
            "https://www.mil.gov.ua/",
            "https://www.mil.gov.ua/news/2024/06/01/x/",
            "https://www.mil.gov.ua/news/2024/06/01/x/",
        ),
        ("https://mod.gov.ua/a/b", "/a/../c", "https://mod.gov.ua/c"),  # urljoin's own path
        ("https://mod.gov.ua/a/b", "c?", "https://mod.gov.ua/a/c"),
    ],
)
def test_the_links_listings_hold(base, link, joined):
    assert join(base, link) == joined
