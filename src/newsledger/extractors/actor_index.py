"""Look-ups for actor resolution that replace scans of every actor found so far (quadratic on long
articles): person actors by name parts, and actors by the sentence of their latest mention.

Both answer exactly what the scans in ``actors.py`` answered; their owner tells them when an
actor is created, renamed or mentioned again.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Optional

from ..records import Actor


def _name_keys(name: str) -> set[tuple]:
    other = name.lower().split()
    if not other:
        return set()
    keys = {("full", tuple(other)), ("first", other[0]), ("last", other[-1])}
    if len(other) == 1:
        keys.add(("single", other[0]))
    else:
        keys.add(("first+last", other[0], other[-1]))
    return keys


class PersonNames:
    """Person actors by the parts of their names that ``_same_person`` compares: the full name, a
    lone first or last name, and first + last name. ``latest(parts)`` is the most recently created
    person whose name matches, as a scan of the actors from the newest one would find."""

    def __init__(self) -> None:
        self.by_key: dict[tuple, set[int]] = {}
        self.indexed: dict[int, set[tuple]] = {}  # position of an actor -> the keys it is filed under

    def add(self, position: int, actor: Actor) -> None:
        """File (or re-file, after a rename or a change of kind) the actor at ``position``."""
        for key in self.indexed.pop(position, ()):
            self.by_key[key].discard(position)
        if actor.kind != "person":
            return
        keys = _name_keys(actor.name)
        self.indexed[position] = keys
        for key in keys:
            self.by_key.setdefault(key, set()).add(position)

    def latest(self, parts: list[str]) -> Optional[int]:
        """Position of the newest person matching a name split into lower-case ``parts``."""
        keys = [("full", tuple(parts)), ("single", parts[-1])]
        if len(parts) == 1:
            keys += [("first", parts[0]), ("last", parts[0])]
        else:
            keys.append(("first+last", parts[0], parts[-1]))
        return max((p for key in keys for p in self.by_key.get(key, ())), default=None)


class RecentActors:
    """Actors by the sentence of their latest mention: ``seen_since(first_sentence, last_sentence)``
    lists, in creation order, every actor whose latest mention lies in those sentences."""

    def __init__(self, sent_starts: Sequence[int]) -> None:
        self.sent_starts = sent_starts
        self.sentence_of_actor: dict[str, int] = {}
        self.in_sentence: dict[int, set[str]] = {}

    def sentence(self, token_index: int) -> int:
        """Index of the sentence holding a token (``max(i for i, s in enumerate(starts) if s <= t)``)."""
        return max(0, bisect_right(self.sent_starts, token_index) - 1)

    def seen(self, actor_id: str, last_seen: int) -> None:
        sentence = self.sentence(last_seen)
        before = self.sentence_of_actor.get(actor_id)
        if before == sentence:
            return
        if before is not None:
            self.in_sentence[before].discard(actor_id)
        self.sentence_of_actor[actor_id] = sentence
        self.in_sentence.setdefault(sentence, set()).add(actor_id)

    def seen_in(self, first_sentence: int, last_sentence: int, position: dict[str, int]) -> list[str]:
        ids = [i for s in range(max(0, first_sentence), last_sentence + 1) for i in self.in_sentence.get(s, ())]
        return sorted(ids, key=position.__getitem__)
