"""Who may be named by initials, and from when: the guideline's `disclosure.naming`, applied. Pure.

A person's initials identify them to everyone who knows them, so a statement prints them only where the
person's role allows it at the stage the incident has reached: a suspect once the police have formally named
one (`ditetapkan_tersangka`), staff under internal inquiry once a sanction is imposed, a victim or an inmate
accused of nothing never. A full name is never printed for anyone not convicted (the `person_name` rule).

The role of a marked person is the one the officer gave when marking the name; the role of initials that
nobody marked is read from the words before them in their sentence ("warga binaan berinisial RH"). A stage
is a yes/no fact of the incident or of the statement being drafted; a crisis type may override a role's rule.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from pasopati_cli.model import INITIALS_ALWAYS, INITIALS_NEVER, CrisisType, Naming, NamingRole
from pasopati_cli.problems import Problem, did_you_mean, problem
from pasopati_cli.reading import read

GUIDELINE_FILE = "playbooks/guideline.yaml"
# How far before the initials (in characters, within one sentence) the words that name a role may stand.
ROLE_WINDOW = 80
YES = frozenset({"ya", "yes", "y", "true", "benar"})

# Initials after a word that introduces them ("berinisial RH", "inisial: D.S.", "initials DS") or with an age
# as news reports write them ("RH (32)", "RH (32 tahun)"; two letters or more, so "Blok A (12)" is none).
# Capitals only, so "inisial yang mudah dikenali" is no initials; dotted forms take at most four letters.
_MARKED_INITIALS = re.compile(
    r"(?i:\b(?:berinisial|inisial|initials?|initialled))(?:\s*+:)?\s++[\"'“‘(]?"
    r"(?P<mark>(?:[A-Z]\.\s?){1,4}+|[A-Z]{1,4}+)(?![\w])"
)
_AGED_INITIALS = re.compile(r"\b(?P<mark>[A-Z]{2,3})\s*+\(\s*+\d{1,2}(?:\s*+(?:tahun|thn|th|years?|yo))?\s*+\)")
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s)|\n\s*+\n")


@dataclass(frozen=True)
class Context:
    """What the guard needs to judge initials: each marked name's role (None: the default role), the stages
    the incident has reached, and the crisis type whose overrides apply."""

    roles: Mapping[str, str | None] = field(default_factory=dict)
    stages: frozenset[str] = frozenset()
    crisis: str | None = None
    overrides: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """Whether a role's initials may be printed now, and the rule that says so (file: key = value)."""

    role: NamingRole
    allowed: bool
    when: str  # never, always or a stage id
    rule: str


@dataclass(frozen=True)
class Sighting:
    """Initials in a reading ([start, end) offsets) whose role's rule refuses them now."""

    start: int
    end: int
    verdict: Verdict
    marked: bool  # the initials of a marked name (else read from the words before them)
    word: str = ""  # the words that named the role, for initials nobody marked
    default: bool = False  # a marked name given without a role: the default role applies


def stages_reached(naming: Naming, facts: Mapping[str, object]) -> frozenset[str]:
    """The stages whose fact says yes (True, 'ya', 'yes')."""
    return frozenset(stage.id for stage in naming.stages if _yes(facts.get(stage.id)))


def _yes(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower() in YES


def context(
    naming: Naming,
    *,
    roles: Mapping[str, str | None] | None = None,
    names: Iterable[str] = (),
    crisis: CrisisType | None = None,
    facts: Mapping[str, object] | None = None,
) -> Context:
    """The context of one statement: marked names (`names` without a role get the default), the crisis
    type's overrides, and the stages its facts have reached."""
    marked: dict[str, str | None] = {name: None for name in names}
    marked.update(roles or {})
    return Context(
        roles=marked,
        stages=stages_reached(naming, facts or {}),
        crisis=crisis.id if crisis is not None else None,
        overrides=dict(crisis.naming) if crisis is not None else {},
    )


def verdict(naming: Naming, ctx: Context, role_id: str | None) -> Verdict:
    """The rule for a role (an unknown or missing role counts as the default role) in this context."""
    role = naming.role(role_id or naming.default_role) or naming.role(naming.default_role) or naming.roles[0]
    if role.id in ctx.overrides:
        when = ctx.overrides[role.id]
        rule = f"playbooks/{ctx.crisis}.yaml: naming.{role.id} = {when}"
    else:
        when = role.initials
        rule = f"{GUIDELINE_FILE}: disclosure.naming.roles[{role.id}].initials = {when}"
    allowed = when == INITIALS_ALWAYS or (when != INITIALS_NEVER and when in ctx.stages)
    return Verdict(role, allowed, when, rule)


def initials_of(name: str) -> str:
    """The initials of a full name, in capitals: "Dodi Setiawan" -> "DS" (words of one letter left out)."""
    words = [word.strip(".,()") for word in name.split()]
    return "".join(word[0].upper() for word in words if len(word) >= 2 and word[0].isalpha())


def _initials_of(ctx: Context) -> dict[str, list[str | None]]:
    """The roles of the marked names by their initials (two letters or more): "DS" -> [terduga]."""
    found: dict[str, list[str | None]] = {}
    for name, role in ctx.roles.items():
        letters = initials_of(name)
        if len(letters) >= 2:
            found.setdefault(letters, []).append(role)
    return found


def marked_initials_regex(letters: Iterable[str]) -> re.Pattern[str] | None:
    """Initials in capitals, plain or dotted: "DS", "D.S.", "D. S.". Whole-word and case-sensitive, so "ds"
    or "DSP" pass; a degree after a comma ("Hendra Wijaya, S.H.") and a neighbourhood number ("RT 03") pass.
    One alternation of fixed patterns without nested repetition, so the search is linear in the text."""
    variants = {r"(?:\.\s?)?".join(re.escape(letter) for letter in word) + r"\.?" for word in letters if word}
    if not variants:
        return None
    ordered = sorted(variants, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?<!,\s)(?:" + "|".join(ordered) + r")(?![\w])(?!\s?\d)")


def _words_regex(naming: Naming) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One search for every role's words (any case, any spacing), and which role each word names."""
    owners: dict[str, str] = {}
    for role in naming.roles:
        for word in role.words:
            if word.split():  # an empty word would match everywhere
                owners.setdefault(" ".join(word.lower().split()), role.id)
    if not owners:
        return None, owners
    ordered = sorted(owners, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in ordered)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE), owners


def sightings(text: str, naming: Naming, ctx: Context) -> Iterator[Sighting]:
    """Every initials in `text` (a reading) that the rule refuses now, in reading order.

    Initials of a marked name are judged by its role (the strictest when two marked names share them);
    other initials by the role whose words stand closest before them in their sentence, and pass when no
    role's words do."""
    by_letters = _initials_of(ctx)
    taken: list[tuple[int, int]] = []
    found: list[Sighting] = []
    pattern = marked_initials_regex(by_letters)
    if pattern is not None:
        for match in pattern.finditer(text):
            letters = "".join(char for char in match.group() if char.isalpha())
            roles = by_letters.get(letters, [])
            judged = [(verdict(naming, ctx, role), role is None) for role in roles]
            taken.append(match.span())
            refused = [item for item in judged if not item[0].allowed]
            if refused:
                found.append(Sighting(match.start(), match.end(), refused[0][0], True, default=refused[0][1]))
    found += _unmarked(text, naming, ctx, taken)
    found.sort(key=lambda sighting: sighting.start)
    yield from found


def _unmarked(text: str, naming: Naming, ctx: Context, taken: list[tuple[int, int]]) -> list[Sighting]:
    words, owners = _words_regex(naming)
    if words is None:
        return []
    spots = sorted({m.span("mark") for p in (_MARKED_INITIALS, _AGED_INITIALS) for m in p.finditer(text)})
    if not spots:
        return []
    named = [(m.end(), m.group()) for m in words.finditer(text)]
    ends = [end for end, _ in named]
    found: list[Sighting] = []
    for start, end in spots:
        if any(low < end and start < high for low, high in taken):
            continue  # a marked name's initials: judged by the role it was marked with
        index = bisect_right(ends, start) - 1
        if index < 0:
            continue
        word_end, word = named[index]
        between = text[word_end:start]
        if start - word_end > ROLE_WINDOW or _SENTENCE_BREAK.search(between):
            continue
        judged = verdict(naming, ctx, owners[" ".join(word.lower().split())])
        if not judged.allowed:
            found.append(Sighting(start, end, judged, False, word=" ".join(word.split())))
    return found


def refused(
    text: str, naming: Naming, names: Sequence[str], ctx: Context | None
) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, why in Indonesian, why in English) of every initials the rule refuses in a reading, the
    marked names (and `names`, marked without a role) read as the reading spells them."""
    given = ctx or Context()
    roles = {read(name): role for name, role in {**dict.fromkeys(names), **given.roles}.items()}
    folded = Context(roles, given.stages, given.crisis, given.overrides)
    for sighting in sightings(text, naming, folded):
        yield (sighting.start, sighting.end, *explain(naming, sighting))


def explain(naming: Naming, sighting: Sighting) -> tuple[str, str]:
    """Why the initials may not be printed, in Indonesian and English: whose they are, the role, the stage
    and the rule."""
    verdict_ = sighting.verdict
    role = verdict_.role
    if sighting.marked and sighting.default:
        who_id = f"inisial orang yang ditandai tanpa peran (berlaku peran bawaan {role.id}, {role.title.id})"
        who_en = (
            f"the initials of a person marked without a role (the default role {role.id}, {role.title.en}, applies)"
        )
    elif sighting.marked:
        who_id = f"inisial orang yang ditandai sebagai {role.id} ({role.title.id})"
        who_en = f"the initials of a person marked as {role.id} ({role.title.en})"
    else:
        who_id = f"inisial sesudah «{sighting.word}», yang menunjuk peran {role.id} ({role.title.id})"
        who_en = f"initials after «{sighting.word}», which names the role {role.id} ({role.title.en})"
    stage = naming.stage(verdict_.when)
    if stage is None:
        why_id = "inisial peran ini tidak pernah boleh dimuat; sebut perannya saja"
        why_en = "this role's initials are never printed; give the role only"
    else:
        why_id = (
            f"inisial baru boleh setelah tahap {stage.id} ({stage.title.id}); tahap ini belum tercatat "
            f"(pasopati incident fact ID {stage.id}=ya)"
        )
        why_en = (
            f"initials only from the stage {stage.id} ({stage.title.en}), not yet recorded "
            f"(pasopati incident fact ID {stage.id}=yes)"
        )
    return (
        f"Pernyataan memuat {who_id}: {why_id}. Aturan: {verdict_.rule}.",
        f"The statement prints {who_en}: {why_en}. Rule: {verdict_.rule}.",
    )


def parse_marks(entries: Iterable[str]) -> dict[str, str | None]:
    """Names as typed with --person or at the prompt: "Full Name" or "Full Name=role" (spaces evened out)."""
    marked: dict[str, str | None] = {}
    for entry in entries:
        name, _, role = entry.partition("=")
        name = " ".join(name.split())
        if name and marked.get(name) is None:
            marked[name] = role.strip().lower() or None
    return marked


def unknown_roles(naming: Naming | None, roles: Mapping[str, str | None], source: str | None = None) -> list[Problem]:
    """A role given with a marked name that the guideline's `disclosure.naming` does not know (P201)."""
    known = [role.id for role in naming.roles] if naming is not None else []
    listed = f" ({', '.join(known)})" if known else ""
    found = []
    for index, role in enumerate(roles.values()):
        if role is not None and role not in known:
            close_id, close_en = did_you_mean(role, known)
            found.append(
                problem(
                    "P201", file=source, path=f"people[{index}].role" if source else "--person",
                    what="peran dalam insiden", what_en="role in the incident", name=role,
                    hint=close_id + listed, hint_en=close_en + listed,
                )
            )  # fmt: skip
    return found
