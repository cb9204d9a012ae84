"""Fixtures of the mirror tests: the reference days, a clean Site, running mirrors."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from mirror.reference import ReferenceDay, load_reference
from mirror.server import MirrorHandle, start_mirror
from mirror.site import Site


@pytest.fixture(scope="session")
def reference() -> dict[dt.date, ReferenceDay]:
    return {day.date: day for day in load_reference()}


@pytest.fixture(scope="session")
def site() -> Site:
    return Site(load_reference())


@pytest.fixture(scope="session")
def mirror() -> MirrorHandle:
    """A clean mirror of the whole history, shared by the tests that only read."""
    with start_mirror(port=0) as running:
        yield running


@pytest.fixture(scope="module")
def faulty() -> MirrorHandle:
    """A mirror whose faults each test sets with `faulty.set_faults(...)`."""
    with start_mirror(port=0) as running:
        yield running


@pytest.fixture
def client(mirror: MirrorHandle) -> httpx.Client:
    with httpx.Client(base_url=mirror.base_url, timeout=10) as c:
        yield c
