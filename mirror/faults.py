"""Fault injection for the mirror: a small spec language and the per-request decision.

    SPEC  := ITEM ( ("," | ";" | newline) ITEM )*
    ITEM  := PATTERN "=" KIND [":" ARG] ["@" RATE | "x" COUNT]   |   "seed=" N

PATTERN is a glob (fnmatch: `*` also crosses `/`) matched against the request path
and against path?query. RATE (0..1, or a percentage) fires on that share of matching
requests, decided by a hash of (seed, rule, URL, n-th request of that URL): the
same URLs fault on every run, whatever the concurrency. xCOUNT fires on the first
COUNT requests matching the rule (across all URLs). Neither: every matching request.
All rules are evaluated for each request; several may fire."""

from __future__ import annotations

import fnmatch
import hashlib
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from mirror.tweaks import ABSURD_MODES, Tweaks
from mirror.views import LAYOUTS
from parsers.vocabulary import BY_NAME

STATUS_KINDS = ("500", "502", "503", "429")
KINDS = (
    *STATUS_KINDS,
    "timeout",
    "reset",
    "truncate",
    "charset",
    "layout",
    "absurd",
    "future",
    "duplicate",
    "shuffle",
    "republish",
    "offsite",
    "challenge",
)
CHARSET_MODES = ("cp1251", "utf8")
DEFAULT_TIMEOUT_SECONDS = 30.0
DEFAULT_FUTURE_DAYS = 3650
DEFAULT_REPUBLISH_FROM = 2
# Resolves to the mirror itself, so a client that follows an off-site link shows up in the log.
DEFAULT_OFFSITE_HOST = "localhost"
_HOST_NAME = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")


class FaultSpecError(ValueError):
    """A --faults spec that cannot be read; the message names the item and why."""


@dataclass(frozen=True, slots=True)
class FaultRule:
    pattern: str
    kind: str
    arg: str | None = None
    rate: float | None = None
    count: int | None = None

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.arg}" if self.arg is not None else self.kind

    def matches(self, path: str, target: str) -> bool:
        return fnmatch.fnmatchcase(path, self.pattern) or fnmatch.fnmatchcase(target, self.pattern)


@dataclass
class Decision:
    """What the fault rules that fired ask of one response."""

    applied: list[str] = field(default_factory=list)
    status: int | None = None
    retry_after: int | None = None
    delay: float = 0.0
    reset: bool = False
    truncate: float | None = None  # a fraction (< 1) or a byte count
    charset: str | None = None
    offsite: str | None = None  # links point to this host instead of the one asked
    challenge: bool = False  # answer 403 with Cloudflare's interstitial
    tweaks: Tweaks | None = None

    @property
    def label(self) -> str | None:
        return "+".join(self.applied) if self.applied else None


NO_FAULT = Decision()


class FaultPlan:
    """Parsed rules plus the counters that make xCOUNT/RATE/republish work (thread-safe)."""

    def __init__(self, rules: list[FaultRule], seed: int = 0) -> None:
        self.rules = rules
        self.seed = seed
        self._lock = threading.Lock()
        self._matched = [0] * len(rules)
        self._per_url: list[defaultdict[str, int]] = [defaultdict(int) for _ in rules]

    def __bool__(self) -> bool:
        return bool(self.rules)

    def __repr__(self) -> str:
        return f"FaultPlan({', '.join(f'{r.pattern}={r.label}' for r in self.rules)})"

    def decide(self, path: str, query: str = "") -> Decision:
        target = f"{path}?{query}" if query else path
        decision: Decision | None = None
        for index, rule in enumerate(self.rules):
            if not rule.matches(path, target):
                continue
            with self._lock:
                self._matched[index] += 1
                self._per_url[index][target] += 1
                nth, nth_of_url = self._matched[index], self._per_url[index][target]
            if not self._fires(index, rule, target, nth, nth_of_url):
                continue
            if decision is None:
                decision = Decision()
            _apply(rule, decision)
        return decision or NO_FAULT

    def _fires(self, index: int, rule: FaultRule, target: str, nth: int, nth_of_url: int) -> bool:
        if rule.kind == "republish" and nth_of_url < int(rule.arg or DEFAULT_REPUBLISH_FROM):
            return False
        if rule.count is not None:
            return nth <= rule.count
        if rule.rate is not None:
            digest = hashlib.blake2b(
                f"{self.seed}|{index}|{target}|{nth_of_url}".encode(), digest_size=8
            ).digest()
            return int.from_bytes(digest, "big") / 2**64 < rule.rate
        return True


def _apply(rule: FaultRule, decision: Decision) -> None:
    kind, arg = rule.kind, rule.arg
    decision.applied.append(rule.label)
    if kind in STATUS_KINDS:
        if decision.status is None and not decision.reset:
            decision.status = int(kind)
            if kind in ("503", "429"):
                decision.retry_after = int(arg) if arg is not None else 1
    elif kind == "challenge":
        if decision.status is None and not decision.reset:
            decision.status = 403
            decision.challenge = True
    elif kind == "reset":
        if decision.status is None:
            decision.reset = True
    elif kind == "timeout":
        decision.delay = max(decision.delay, float(arg) if arg else DEFAULT_TIMEOUT_SECONDS)
    elif kind == "truncate":
        decision.truncate = float(arg) if arg else 0.5
    elif kind == "charset":
        decision.charset = _charset_mode(arg)
    elif kind == "offsite":
        decision.offsite = arg or DEFAULT_OFFSITE_HOST
    else:
        tweaks = _tweaks(kind, arg)
        decision.tweaks = decision.tweaks.merged(tweaks) if decision.tweaks else tweaks


def _charset_mode(arg: str | None) -> str:
    return "utf8" if arg in ("utf8", "utf-8") else "cp1251"


def _tweaks(kind: str, arg: str | None) -> Tweaks:
    if kind == "layout":
        return Tweaks(layout=arg or "table")
    if kind == "absurd":
        mode, _, category = (arg or "x100").partition("/")
        return Tweaks(absurd=mode, absurd_category=category or "tanks")
    if kind == "future":
        return Tweaks(future_days=int(arg) if arg else DEFAULT_FUTURE_DAYS)
    if kind == "duplicate":
        return Tweaks(duplicate=True)
    if kind == "shuffle":
        return Tweaks(shuffle=True)
    if kind == "republish":
        return Tweaks(republish=True)
    raise AssertionError(kind)  # parse_faults admits no other kind


# ----------------------------------------------------------------------- parsing

_COUNT_SUFFIX = re.compile(r"^(?P<base>.+?)x(?P<count>\d+)$")


def parse_faults(spec: str | None) -> FaultPlan:
    """Read a --faults spec. Raises FaultSpecError naming the bad item."""
    rules: list[FaultRule] = []
    seed = 0
    for raw in re.split(r"[,;\n]", spec or ""):
        item = raw.strip()
        if not item:
            continue
        if item.startswith("seed="):
            try:
                seed = int(item[5:])
            except ValueError:
                raise FaultSpecError(f"fault {item!r}: seed must be an integer") from None
            continue
        rules.append(_parse_item(item))
    return FaultPlan(rules, seed)


def _parse_item(item: str) -> FaultRule:
    pattern, eq, rhs = item.rpartition("=")
    if not eq or not pattern.strip():
        raise FaultSpecError(f"fault {item!r}: expected PATTERN=KIND[:ARG][@RATE|xCOUNT]")
    pattern, rhs = pattern.strip(), rhs.strip()
    if not pattern.startswith(("/", "*")):
        raise FaultSpecError(
            f"fault {item!r}: the pattern must be a path glob starting with / or *"
        )
    rate = None
    if "@" in rhs:
        rhs, _, rate_text = rhs.partition("@")
        rate = _parse_rate(item, rate_text.strip())
    kind, arg, count = _split_count(rhs.strip())
    if kind not in KINDS:
        raise FaultSpecError(f"fault {item!r}: unknown kind {kind!r}; kinds: {', '.join(KINDS)}")
    if count is not None and rate is not None:
        raise FaultSpecError(f"fault {item!r}: give @RATE or xCOUNT, not both")
    _check_arg(item, kind, arg)
    return FaultRule(pattern, kind, arg, rate, count)


def _split_count(rhs: str) -> tuple[str, str | None, int | None]:
    """'503:2x3' -> ('503', '2', 3); 'absurd:x100' -> ('absurd', 'x100', None)."""
    match = _COUNT_SUFFIX.match(rhs)
    if match:
        kind, colon, arg = match["base"].partition(":")
        if kind in KINDS and (not colon or arg):
            return kind, (arg if colon else None), int(match["count"])
    kind, colon, arg = rhs.partition(":")
    return kind, (arg if colon else None), None


def _parse_rate(item: str, text: str) -> float:
    try:
        rate = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        rate = -1.0
    if not 0.0 <= rate <= 1.0:
        raise FaultSpecError(f"fault {item!r}: RATE must be 0..1 or a percentage, not {text!r}")
    return rate


def _check_arg(item: str, kind: str, arg: str | None) -> None:
    def bad(expected: str) -> FaultSpecError:
        return FaultSpecError(f"fault {item!r}: {kind} takes {expected}, not {arg!r}")

    if arg is None:
        return
    if kind in ("500", "502", "reset", "duplicate", "shuffle", "challenge"):
        raise bad("no argument")
    if kind in ("503", "429"):
        if not arg.isdigit():
            raise bad("Retry-After seconds (an integer)")
    elif kind in ("timeout", "truncate"):
        try:
            value = float(arg)
        except ValueError:
            value = -1.0
        if value < 0 or (kind == "timeout" and value == 0):
            raise bad("a positive number" if kind == "timeout" else "a fraction or byte count")
    elif kind == "charset":
        if arg not in ("cp1251", "utf8", "utf-8"):
            raise bad("cp1251 or utf8")
    elif kind == "layout":
        if arg not in LAYOUTS:
            raise bad(" or ".join(LAYOUTS))
    elif kind == "absurd":
        mode, _, category = arg.partition("/")
        if mode not in ABSURD_MODES or (category and category not in BY_NAME):
            raise bad(f"{'|'.join(ABSURD_MODES)}[/CATEGORY] with a canonical category name")
    elif kind == "offsite":
        if not _HOST_NAME.match(arg):
            raise bad("a host name")
    elif kind in ("future", "republish") and not (arg.isdigit() and int(arg) >= 1):
        raise bad("a positive integer")
