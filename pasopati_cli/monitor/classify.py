"""What a news item is about: relevance to the unit, the crisis type it suggests, its tone. Pure.

Every decision carries the words that made it, so an officer can see why an item was flagged."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pasopati_cli.monitor.text import Match, PhraseIndex, tokens

Relevance = Literal["unit", "corrections", "none"]
Tone = Literal["negatif", "netral", "positif"]
RELEVANCE_ORDER: dict[str, int] = {"none": 0, "corrections": 1, "unit": 2}
TONE_ORDER: dict[str, int] = {"positif": 0, "netral": 1, "negatif": 2}
NEGATION_REACH = 3  # a negator turns around a sentiment word at most this many words later


@dataclass(frozen=True)
class TypeWords:
    """A crisis type as monitoring sees it: its id and the keywords of its playbook."""

    id: str
    keywords: tuple[str, ...]
    watched: bool = True  # pre-crisis types (activity publicity) suggest no crisis


@dataclass(frozen=True)
class Vocabulary:
    """The word lists classification runs on: from the monitoring file, the playbooks and the unit profile."""

    unit_names: tuple[str, ...]
    corrections: tuple[str, ...]
    policy: tuple[str, ...]
    false_friends: tuple[str, ...]
    negatif: tuple[str, ...]
    positif: tuple[str, ...]
    negators: tuple[str, ...]
    types: tuple[TypeWords, ...]
    news_markers: tuple[str, ...] = ()
    not_incident: tuple[str, ...] = ()
    fallback_type: str = "berita_negatif"


@dataclass(frozen=True)
class Classification:
    relevant: Relevance
    crisis_type: str | None
    sentiment: Tone
    policy: bool
    matched: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def matched_dict(self) -> dict[str, list[str]]:
        return {key: list(value) for key, value in self.matched.items() if value}


class Classifier:
    """Built once per vocabulary; `classify` is then one pass over an item's words."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        index = PhraseIndex()
        index.add_all(vocabulary.unit_names, "unit", stem=False)
        # Word for word: 'ditahan' (held by the police) is not 'tahanan' (a remand prisoner).
        index.add_all(vocabulary.corrections, "corrections", stem=False)
        index.add_all(vocabulary.news_markers, "news")
        index.add_all(vocabulary.not_incident, "drill")
        index.add_all(vocabulary.policy, "policy")
        index.add_all(vocabulary.false_friends, "false")
        index.add_all(vocabulary.negatif, "tone:negatif")
        index.add_all(vocabulary.positif, "tone:positif")
        index.add_all(vocabulary.negators, "negator", stem=False)
        for crisis in vocabulary.types:
            if crisis.watched:
                index.add_all(crisis.keywords, f"type:{crisis.id}")
        self.index = index

    def classify(self, title: str, summary: str = "") -> Classification:
        words = tokens(f"{title} . {summary}" if summary else title)
        return self.classify_words(words)

    def classify_words(self, words: Sequence[str]) -> Classification:
        matches = self.index.find(words)
        blocked = _covered(m for m in matches if m.label == "false")
        negated = {i for m in matches if m.label == "negator" for i in range(m.end, m.end + NEGATION_REACH)}
        by_label: dict[str, list[Match]] = {}
        for found in matches:
            if found.label.startswith(("type:", "tone:")) and found.start in blocked:
                continue
            by_label.setdefault(found.label, []).append(found)

        def said(label: str, keep: Callable[[Match], bool] = lambda m: True) -> tuple[str, ...]:
            """The story's own words that matched, once each (what the officer is shown)."""
            return tuple(dict.fromkeys(" ".join(words[m.start : m.end]) for m in by_label.get(label, ()) if keep(m)))

        unit, corrections = said("unit"), said("corrections")
        relevant: Relevance = "unit" if unit else "corrections" if corrections else "none"
        crisis_type: str | None = None
        type_terms: tuple[str, ...] = ()
        if relevant != "none" and "drill" not in by_label:
            crisis_type, type_terms = self._crisis_type(by_label, said)
        tone_neg = _positions(by_label.get("tone:negatif", ()), negated)
        tone_pos = _positions(by_label.get("tone:positif", ()), negated)
        sentiment: Tone = "netral"
        if relevant != "none":  # the tone toward the institution: a story not about corrections has none
            # A tie with negative words leans negative: when unsure, the higher concern.
            sentiment = "negatif" if tone_neg and tone_neg >= tone_pos else "positif" if tone_pos else "netral"
        return Classification(
            relevant=relevant,
            crisis_type=crisis_type,
            sentiment=sentiment,
            policy=bool(by_label.get("policy")),
            matched={
                "unit": unit,
                "corrections": corrections,
                "crisis_type": type_terms,
                "news": said("news") if crisis_type == self.vocabulary.fallback_type else (),
                "not_incident": said("drill"),
                "policy": said("policy"),
                "negatif": said("tone:negatif", lambda m: m.start not in negated),
                "positif": said("tone:positif", lambda m: m.start not in negated),
            },
        )

    def _crisis_type(
        self, by_label: Mapping[str, list[Match]], said: Callable[[str], tuple[str, ...]]
    ) -> tuple[str | None, tuple[str, ...]]:
        """A story about the news itself suggests the response type; otherwise the type whose keywords cover
        the most words of the story (the generic news type loses a tie)."""
        fallback = self.vocabulary.fallback_type
        if "news" in by_label:
            return fallback, said(f"type:{fallback}")
        best: tuple[int, int, str] | None = None
        for label, found in by_label.items():
            if not label.startswith("type:"):
                continue
            type_id = label[5:]
            score = len(_covered(found))
            key = (score, 0 if type_id == fallback else 1, type_id)
            if best is None or key[:2] > best[:2]:
                best = key
        if best is None:
            return None, ()
        return best[2], said(f"type:{best[2]}")


def _positions(matches: Iterable[Match], negated: set[int]) -> int:
    return len({m.start for m in matches if m.start not in negated})


def _covered(matches: Iterable[Match]) -> set[int]:
    return {i for m in matches for i in range(m.start, m.end)}


def _terms(matches: Iterable[Match]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.term for m in matches))
