"""Lines of a bulletin list into figures: "label — value" and "value label" in any of the
three languages, one or several per line. Shared by the MoD, aggregator and press-text
parsers; the HTML parsers hand over one line per <li>/<p>/<br>.

Each figure found becomes a Candidate: a label (matched to a category or not) and either
a Figure or the reason its value cannot be read. Bulletin assembly then turns unknown
labels and unreadable values into errors naming them; nothing is dropped or guessed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from parsers.model import Bulletin, Figure
from parsers.numbers import (
    MAX_NUMBER,
    QUALIFIER_WORDS,
    UNIT_WORDS,
    NumberError,
    ScaleWordError,
    normalize_text,
    scan_increase,
    scan_value,
    starts_value,
)
from parsers.vocabulary import (
    CATEGORY_NAMES,
    NOT_A_FIGURE,
    VEHICLES_ALONE,
    bilingual_conflict,
    classify_label,
    is_group_heading,
    resolve_vehicles,
)

# A label is a few words; longer runs of words before a dash are prose ("Загалом із
# лютого втрати росії в особовому складі досягли — ...").
MAX_LABEL_WORDS = 8

_SEPARATOR_RE = re.compile(r"\s*(?:[—:]\s*)+")
# Bullets: symbols ("-", "•", "✅"), keycap emoji ("1️⃣"), and "N." / "N)" numbering
# before a label or a number ("2. 7794 танки (+15)"; one or two digits, then a space).
_BULLET_RE = re.compile(r"^(?:[^\w(]+|[0-9#*]\ufe0f?\u20e3|\U0001f51f|[0-9]{1,2}[.)] +(?=[^\W_]))+")
_DIGIT_RE = re.compile(r"[0-9]")
_CLAUSE_PUNCTUATION_RE = re.compile(r"[;,.]")
_WORD_RE = re.compile(r"[^\W\d_]+")
# The label after a number (number-first order): words, slashes, hyphens and bracketed
# words ("(катери)"), up to an increase bracket, a digit or the end.
# A bracket with a sign or without letters ("(+?)") is an (unreadable) increase, not words.
_TRAILING_LABEL_RE = re.compile(r"(?:[^\d()—:;]|\((?![ +-])[^\d()+]*[^\W\d_][^\d()+]*\))*")
# The shape of nearly every line of a bulletin, normalized: "танків — 12066 (+3) од,",
# "personnel — about 320670 (+850) persons,", "кораблів / катерів — 33 (+0) од.". One
# regex reads it for a fifth of the cost of the general path (split_clauses, then
# _label_first and scan_value), and gives the same candidate (tests check this); any
# other line, or any doubt (spacing, separators, leading zeros), takes the general path.
_PLAIN_QUALIFIERS = "|".join(
    sorted((w for w in QUALIFIER_WORDS if w.isalpha()), key=len, reverse=True)
)
# Numbers plain or grouped by single spaces ("1 245 080", the mod.gov.ua items since 2024);
# units between the total and its increase ("199460 осіб (+580)", the aggregator); no
# increase at all ("Літаки — 308", the aggregator's omitted zero: then only units may
# follow, never another word, "646 тис." is a scale word and the general path's error).
# A label may end with words in brackets ("Кораблі (катери)", the aggregator's every day).
_PLAIN_NUMBER = r"(?:0|[1-9][0-9]{0,2}(?: [0-9]{3})+|[1-9][0-9]*)"
_PLAIN_UNITS = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))
_PLAIN_ITEM_RE = re.compile(
    r"(?P<clause>(?P<label>[^\W\d_]+(?:(?: | ?/ ?|-)[^\W\d_]+)*(?: \([^\W\d_]+(?: [^\W\d_]+)*\))?)"
    r"(?: —|:) "
    rf"(?:(?P<qualifier>{_PLAIN_QUALIFIERS}) )?"
    rf"(?P<total>{_PLAIN_NUMBER})(?i: (?:{_PLAIN_UNITS})(?:\.(?= \())?)*"
    rf"(?: \(\+(?P<delta>{_PLAIN_NUMBER})\)(?: [^\W\d_]+)*)?)[,.;]?"
)


@dataclass(slots=True)  # not frozen: a frozen dataclass costs ~1 µs more to create
class Candidate:
    """One "label + value" found in a line."""

    label: str  # as written (stripped)
    category: str | None  # classify_label(): a canonical name, VEHICLES_ALONE, or None
    figure: Figure | None  # None when the value cannot be read
    problem: str | None  # why the value cannot be read
    line: int  # index of the line it was found in
    has_increase: bool
    text: str  # the clause it came from, for error messages


def split_clauses(line: str) -> list[str]:
    """Cut a line where one figure ends and the next begins: at ";", and at "," or "."
    followed by a space once the clause holds a number ("танки — 100 (+2), ББМ — ...").
    A "." before a digit ("646 тис. 400") or a bracket ("од. (+15)"), or in a label
    ("спец. техніки"), does not cut."""
    clauses: list[str] = []
    start = 0
    for cut in _CLAUSE_PUNCTUATION_RE.finditer(line):  # not a loop over every character
        index, char = cut.start(), cut[0]
        nxt = line[index + 1 : index + 2]
        if char != ";":
            if nxt and nxt != " ":
                continue
            if not _DIGIT_RE.search(line, start, index):
                continue
            following = line[index + 1 :].lstrip()[:1]
            if following == "(" or (char == "." and following.isdigit()):
                continue  # "7794 од. (+15)" goes on; so does "646 тис. 400"
        clauses.append(line[start:index])
        start = index + 1
    clauses.append(line[start:])
    return [c for c in (clause.strip() for clause in clauses) if c]


def _strip_bullet(text: str) -> str:
    bullet = _BULLET_RE.match(text)
    return text[bullet.end() :] if bullet else text


@functools.lru_cache(maxsize=4096)  # the same few dozen labels on every page
def _label_ok(label: str) -> bool:
    if _DIGIT_RE.search(label):
        return False
    words = _WORD_RE.findall(label)
    return 0 < len(words) <= MAX_LABEL_WORDS


def _candidate(label: str, line: int, text: str, **kwargs) -> Candidate:
    label = label.strip(" ,.;")
    return Candidate(label, classify_label(label), line=line, text=text, **kwargs)


def _label_first(clause: str, line: int, strict: bool) -> list[Candidate]:
    """ "label — value [label — value ...]": the text between two separators holds the
    end of one value and the start of the next label. Once a figure is read, every later
    number must belong to another "label — value"; a stray one ("танки — 0—1 (+1)")
    makes the figure before it untrustworthy, so it becomes an error."""
    pieces = _SEPARATOR_RE.split(clause)
    found: list[Candidate] = []

    def spoil(piece: str) -> None:
        if found and found[-1].figure is not None:
            problem = f"unexpected text after the figure: {piece.strip()!r}"
            found[-1] = replace(found[-1], figure=None, problem=problem)

    label: str | None = pieces[0]
    for piece in pieces[1:]:
        if not starts_value(piece):
            digit = _DIGIT_RE.search(piece)
            if digit and label is not None and _label_ok(label) and classify_label(label):
                # "особового складу — біля 512 420": words nobody knows before the number
                # of a known label; an error naming them, never a dropped figure.
                problem = f"unknown words before the number: {piece[: digit.start()].strip()!r}"
                found.append(
                    _candidate(
                        label, line, clause, figure=None, problem=problem, has_increase=False
                    )
                )
            elif digit:
                spoil(piece)
            elif strict and label is not None and _label_ok(label) and classify_label(label):
                # "танків — н/д", "танків —": a known category without a number.
                problem = f"no number after the label: {piece.strip()!r}"
                found.append(
                    _candidate(
                        label, line, clause, figure=None, problem=problem, has_increase=False
                    )
                )
            label = piece  # "Втрати ворога: танки — 100": the colon ended a lead-in
            continue
        if label is None or not _label_ok(label):
            spoil(piece)  # a value after prose (no figure yet) or after another value
            label = None
            continue
        try:
            value = scan_value(piece)
        except NumberError as exc:
            if strict or classify_label(label):
                found.append(
                    _candidate(
                        label, line, clause, figure=None, problem=str(exc), has_increase=False
                    )
                )
            else:
                spoil(piece)
            label = None
            continue
        rest = piece[value.end :]
        problem = None
        if _DIGIT_RE.search(rest):  # a label never holds digits: this is not a label
            problem = f"unexpected text after the figure: {rest.strip()!r}"
        found.append(
            _candidate(
                label,
                line,
                clause,
                figure=None if problem else Figure(value.total, value.delta, value.qualifier),
                problem=problem,
                has_increase=value.has_increase,
            )
        )
        label = rest
    if strict and len(pieces) == 1 and not found and _DIGIT_RE.search(clause):
        found.extend(_without_separator(clause, line))
    return found


def _without_separator(clause: str, line: int) -> list[Candidate]:
    """A list item with a known label and a number but no dash or colon between them
    ("літаків 357 (+0) од,"). Read when it is exactly "label number (+increase) [units]";
    any other such item is an error naming it, never dropped."""
    digit = _DIGIT_RE.search(clause)
    start = clause.rfind(" ", 0, digit.start()) + 1  # the word with the first digit
    label = clause[:start]
    if not classify_label(label.strip(" ,.;")):
        # A qualifier before the number ("особового складу близько 512 420")?
        words = label.split()
        for n in (1, 2, 3):
            if len(words) > n and " ".join(words[-n:]).lower() in QUALIFIER_WORDS:
                label = label.rstrip().rsplit(None, n)[0]
                start = len(label)
                break
    if not start or not _label_ok(label) or not classify_label(label.strip(" ,.;")):
        return []  # prose with a number ("з 24.02.22 по 04.06.24 орієнтовно склали")
    problem = f"no dash or colon between the label and the number: {clause.strip()!r}"
    try:
        value = scan_value(clause, start)
    except NumberError:
        value = None
    if value is not None and value.has_increase and _is_end(clause, value.end):
        figure = Figure(value.total, value.delta, value.qualifier)
        return [_candidate(label, line, clause, figure=figure, problem=None, has_increase=True)]
    return [_candidate(label, line, clause, figure=None, problem=problem, has_increase=False)]


def _number_first(clause: str, line: int, whole_line: bool, strict: bool) -> list[Candidate]:
    """ "11 494 танки (+6 за добу)", "497,700 (+1,330) military personnel"."""
    found: list[Candidate] = []
    pos = 0
    while True:
        label = ""
        try:
            value = scan_value(clause, pos, units=False)
            label = _TRAILING_LABEL_RE.match(clause, value.end)[0]
            end = value.end + len(label)
            delta, has_increase = value.delta, value.has_increase
            if not has_increase:
                increase = scan_increase(clause, end)
                if increase is not None:
                    (delta, end), has_increase = increase, True
        except NumberError as exc:
            if isinstance(exc, ScaleWordError):  # "646 тис. окупантів": the words after
                label = _TRAILING_LABEL_RE.match(clause, exc.end)[0]
            elif not label:  # the number itself: name the words after it
                space = clause.find(" ", pos)
                label = _TRAILING_LABEL_RE.match(clause, space + 1)[0] if space >= 0 else ""
            if _label_ok(label) and (strict or classify_label(label)):
                found.append(
                    _candidate(
                        label, line, clause, figure=None, problem=str(exc), has_increase=False
                    )
                )
            return found
        if not _WORD_RE.search(label) and has_increase:
            # "1 (+1)" with no label at all: a figure nobody can place.
            found.append(_candidate("", line, clause, figure=None, problem=None, has_increase=True))
            return found
        if not _label_ok(label):
            return found
        # In prose, "25 лютого 2024 року" is not a figure: a figure without an increase
        # counts only alone on its line ("- 1092 танки,") and with a known label.
        alone = whole_line and pos == 0 and _is_end(clause, end)
        if strict or has_increase or (alone and classify_label(label)):
            if has_increase and delta is not None and delta > value.total:
                # "9 бойових броньованих машин (23 384)": the increase first and the total
                # in brackets (the prose reader's shape), never total 9 and increase 23 384.
                problem = (
                    f"the number in brackets ({delta}) is larger than the number before it "
                    f"({value.total}): the total in brackets, not the increase"
                )
                found.append(
                    _candidate(label, line, clause, figure=None, problem=problem, has_increase=True)
                )
                return found
            figure = Figure(value.total, delta, value.qualifier)
            found.append(
                _candidate(
                    label, line, clause, figure=figure, problem=None, has_increase=has_increase
                )
            )
        pos = end
        while pos < len(clause) and clause[pos] in " ,;":
            pos += 1
        if pos >= len(clause) or not starts_value(clause, pos):
            return found


def is_list_item(cand: Candidate, line: str, others_on_line: int) -> bool:
    """Whether a candidate is a bulletin list item rather than a figure inside a sentence:
    "label — value" (any line), or "value label" with a readable figure alone on its
    line ("- 1122 танки,", "• 512,420 (+1,290) military personnel")."""
    if not starts_value(cand.text):
        return True
    if cand.figure is None or others_on_line != 1:
        return False
    return len(split_clauses(_strip_bullet(normalize_text(line).strip()))) == 1


def _is_end(clause: str, pos: int) -> bool:
    return not clause[pos:].strip(" .,;")


def read_candidates(
    lines: Sequence[str], *, strict: bool, number_first: bool = True
) -> list[Candidate]:
    """Every figure in the lines. `strict` (a document that is only the bulletin, like
    the MoD article or an aggregator day): every "label — value" counts, unknown labels
    included. Otherwise (press text) only figures shaped like a bulletin item do:
    "label — value", or "value label" with an increase or alone on its line.
    Without `number_first` (the MoD pages, whose items are always label first), a
    "value label" clause is a lead or headline sentence ("знищено 1 050 окупантів, 8
    танків"), never a figure.

    A line that is only "Heading:" groups the items below it ("Бронетехніка і
    автомобілі:"); when the next line is a value alone ("Personnel:" then "approximately
    1 311 180 (+1 070) persons."), the heading is that value's label."""
    found: list[Candidate] = []
    normalized = [normalize_text(raw) for raw in lines]
    heading: str | None = None
    for index, line in enumerate(normalized):
        if heading is not None:
            line, heading = f"{heading}: {line.strip()}", None
        elif _is_heading(line):
            following = normalized[index + 1].strip() if index + 1 < len(normalized) else ""
            if following and _value_alone(_strip_bullet(following)):
                heading = line.strip()[:-1].rstrip()
                continue
            if is_group_heading(line.strip()[:-1]):
                continue
        if not strict and not _DIGIT_RE.search(line):
            continue
        plain = _plain_item(line.strip(), index)
        if plain is not None:
            found.append(plain)
        else:
            found.extend(_read_line(line, index, strict, number_first))
    return [c for c in found if c.category != NOT_A_FIGURE]


def _value_alone(line: str) -> bool:
    """ "approximately 1 311 180 (+1 070) persons.": a value with nothing but units after."""
    if not starts_value(line):
        return False
    try:
        value = scan_value(line)
    except NumberError:
        return False
    return _is_end(line, value.end)


def _is_heading(line: str) -> bool:
    """ "Особовий склад:" / "Personnel:": words ending with a colon, no digits."""
    text = line.rstrip()
    return text.endswith(":") and not _DIGIT_RE.search(text) and _label_ok(text[:-1])


def _plain_item(line: str, index: int) -> Candidate | None:
    """The figure of a line in the usual bulletin shape (see _PLAIN_ITEM_RE), or None."""
    item = _PLAIN_ITEM_RE.fullmatch(line)
    if item is None:
        return None
    # One call for the groups: this runs for every line of every bulletin.
    clause, label, qualifier, total, delta = item.group(
        "clause", "label", "qualifier", "total", "delta"
    )
    if not _label_ok(label):
        return None
    total = int(total.replace(" ", "") if " " in total else total)
    if delta is not None:
        delta = int(delta.replace(" ", "") if " " in delta else delta)
    if total > MAX_NUMBER or (delta is not None and delta > MAX_NUMBER):
        return None  # the general reader says why (read_number)
    figure = Figure(total, delta, QUALIFIER_WORDS[qualifier] if qualifier else None)
    # The label ends with a letter or a bracket: nothing for _candidate to strip.
    return Candidate(label, classify_label(label), figure, None, index, delta is not None, clause)


def _read_line(line: str, index: int, strict: bool, number_first: bool = True) -> list[Candidate]:
    """The figures of one normalized line, whatever its shape."""
    found: list[Candidate] = []
    clauses = split_clauses(_strip_bullet(line.strip()))
    whole_line = len(clauses) == 1
    for raw_clause in clauses:
        clause = _strip_bullet(raw_clause)
        if not clause or not (strict or _DIGIT_RE.search(clause)):
            continue
        if starts_value(clause):
            if number_first:
                found.extend(_number_first(clause, index, whole_line, strict))
        else:
            found.extend(_label_first(clause, index, strict))
    return found


def select_block(candidates: Sequence[Candidate], lines: Sequence[str]) -> list[Candidate]:
    """The press-text rule for which figures are the bulletin's.

    A repost has prose around the list, and often a headline with rounded numbers. The
    list is the block of consecutive lines with figures (lines without digits do not
    break a block; a line with digits but no figure does) that names the most known
    categories; other blocks join it when they name at least 3 categories it lacks (a
    list broken by an inserted line), and are otherwise prose. Unknown labels in a
    chosen block are kept (they become errors) when they carry an increase or follow a
    known figure; one above the list without an increase is a headline."""
    by_line: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_line.setdefault(cand.line, []).append(cand)
    blocks: list[list[Candidate]] = []
    current: list[Candidate] | None = None
    for index, line in enumerate(lines):
        if index in by_line:
            if current is None:
                current = []
                blocks.append(current)
            current.extend(by_line[index])
        elif _DIGIT_RE.search(line):
            current = None
    if not blocks:
        return []

    def known(block: list[Candidate]) -> set[str]:
        return {c.category for c in block if c.category}

    main = max(blocks, key=lambda b: len(known(b)))
    chosen = [main]
    covered = known(main)
    for block in blocks:
        if block is main:
            continue
        extra = known(block)
        if len(extra) >= 3 and not extra & covered:
            chosen.append(block)
            covered |= extra
    selected: list[Candidate] = []
    for block in sorted(chosen, key=lambda b: b[0].line):
        seen_known = False
        for cand in block:
            if cand.category:
                seen_known = True
                selected.append(cand)
            elif cand.has_increase or seen_known:
                selected.append(cand)
            elif _is_list_item(cand) and _list_lines(block, cand.line) >= 2:
                # "окупантів — близько 512 420" above "танків — 7794 (+15)": shaped like
                # the items below it, not like a headline; an unknown label, not dropped.
                selected.append(cand)
    return selected


def _is_list_item(cand: Candidate) -> bool:
    """Whether a candidate's clause is exactly "label — [qualifier] number [units]", as
    list items are (a headline goes on after its number: "за добу — 1 290 окупантів")."""
    if cand.figure is None:
        return False
    pieces = _SEPARATOR_RE.split(cand.text)
    if len(pieces) != 2:
        return False
    try:
        value = scan_value(pieces[1])
    except NumberError:
        return False
    return _is_end(pieces[1], value.end)


def _list_lines(block: Sequence[Candidate], other_than: int) -> int:
    """How many other lines of a block hold a known figure."""
    return len({c.line for c in block if c.category and c.line != other_than})


def build_bulletin(
    candidates: Sequence[Candidate],
    *,
    date: dt.date | None,
    source: str,
    lang: str,
    omitted_delta: int | None = None,
    errors: Sequence[str] = (),
) -> Bulletin:
    """Candidates into one Bulletin: categories resolved, canonical order, and an error
    for each unknown label, unreadable value, undecidable or contradictory figure."""
    problems = list(errors)
    figures: dict[str, Figure] = {}
    sources: dict[str, Candidate] = {}
    contradicted: set[str] = set()
    fuel_tanks_separate = any(c.category == "fuel_tanks" for c in candidates)
    for cand in candidates:
        name = cand.category
        if name == VEHICLES_ALONE:
            name = resolve_vehicles(date, fuel_tanks_separate=fuel_tanks_separate)
            if name is None:
                problems.append(
                    f"ambiguous label {cand.label!r}: military_auto before 2022-05-01, "
                    "vehicles_fuel_tanks from then on, and the report date is unknown"
                )
                continue
        if name is None:
            conflict = bilingual_conflict(cand.label) if cand.label else None
            if conflict:
                problems.append(
                    f"the two languages of label {cand.label!r} name different categories "
                    f"({conflict[0]} and {conflict[1]}) in {cand.text!r}"
                )
            elif cand.label:
                problems.append(f"unknown label {cand.label!r} in {cand.text!r}")
            else:
                problems.append(f"a figure without a label: {cand.text!r}")
            continue
        if cand.figure is None:
            problems.append(f"cannot read the figure for {cand.label!r}: {cand.problem}")
            continue
        figure = cand.figure
        if figure.delta is not None and figure.delta > figure.total:
            # A total includes its increase: "ББМ — 9 (23 384)" is no (total, increase).
            problems.append(
                f"the increase of {name} ({figure.delta}) is larger than its total "
                f"({figure.total}) in {cand.text!r}"
            )
            continue
        if figure.delta is None and omitted_delta is not None:
            figure = Figure(figure.total, omitted_delta, figure.qualifier)
        if name == "personnel" and figure.qualifier is None:
            # Every bulletin states personnel as approximate; a repost that drops the word
            # does not make the figure exact.
            figure = Figure(figure.total, figure.delta, "about")
        if name in figures and figures[name] != figure:
            problems.append(
                f"two different figures for {name}: {sources[name].text!r} and {cand.text!r}"
            )
            contradicted.add(name)  # neither is kept: which one is the bulletin's is a guess
            continue
        figures[name] = figure
        sources[name] = cand
    ordered = {
        name: figures[name]
        for name in CATEGORY_NAMES
        if name in figures and name not in contradicted
    }
    return Bulletin(
        date=date, source=source, lang=lang, figures=ordered, errors=tuple(dict.fromkeys(problems))
    )


_UK_ONLY = "іїєґ"
_RU_ONLY = "ыэъё"
# Counted by regex, not a loop over the characters (a page's labels are ~400 of them).
_CYRILLIC_LETTERS_RE = re.compile("[а-яіїєґё]+")
_LATIN_LETTERS_RE = re.compile("[a-z]+")


def _count_matched(runs: re.Pattern[str], text: str) -> int:
    """How many characters of `text` the runs match (removing them is the fast count)."""
    return len(text) - len(runs.sub("", text))


def detect_lang(text: str) -> str:
    """ "uk", "ru" or "en" by the letters the text uses."""
    lowered = text.lower()
    latin = _count_matched(_LATIN_LETTERS_RE, lowered)
    cyrillic = _count_matched(_CYRILLIC_LETTERS_RE, lowered)
    uk = sum(map(lowered.count, _UK_ONLY))
    ru = sum(map(lowered.count, _RU_ONLY))
    if latin > cyrillic:
        return "en"
    return "ru" if ru > uk else "uk"
