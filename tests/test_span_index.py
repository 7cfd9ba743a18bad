"""The indexes that keep long articles linear answer exactly what the scans they replaced answered
(property-based: random spans, points and names, compared with the plain scans)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extractors.actor_index import PersonNames, RecentActors
from newsledger.extractors.span_index import Cover, FirstContaining, StartIndex
from newsledger.records import Actor

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)).map(lambda p: (p[0], p[0] + p[1])), max_size=25)
FAST = settings(max_examples=300, deadline=None)


@FAST
@given(spans=spans, lo=st.integers(0, 80), width=st.integers(0, 40))
def test_start_index_lists_what_a_filter_lists(spans, lo, width):
    index = StartIndex(spans, lambda s: s[0])
    assert index.between(lo, lo + width) == [s for s in spans if lo <= s[0] < lo + width]


@FAST
@given(spans=spans, point=st.integers(0, 100))
def test_cover_says_what_any_says(spans, point):
    assert (point in Cover(spans)) == any(s <= point < e for s, e in spans)


@FAST
@given(spans=spans, gaps=st.lists(st.integers(1, 4), min_size=1, max_size=40))
def test_first_containing_finds_the_first_span_in_list_order(spans, gaps):
    token_starts = [sum(gaps[:i]) for i in range(len(gaps))]
    index = FirstContaining(spans, token_starts)
    for i, start in enumerate(token_starts):
        expected = next((k for k, (s, e) in enumerate(spans) if s <= start < e), None)
        assert index.at(i) == expected


names = st.lists(st.sampled_from(["john", "smith", "mary", "jones", "john smith", "mary jones", "john paul smith", "smith jones"]),
                 min_size=1, max_size=3).map(" ".join)


def _scan(actors: list[Actor], parts: list[str]):
    """The scan ``_same_person`` did before the index."""
    for k in range(len(actors) - 1, -1, -1):
        a = actors[k]
        if a.kind != "person":
            continue
        other = a.name.lower().split()
        if other == parts or (len(parts) == 1 and parts[0] in (other[-1], other[0])) or (len(other) == 1 and other[0] == parts[-1]) or (
                len(parts) > 1 and len(other) > 1 and parts[-1] == other[-1] and parts[0] == other[0]):
            return k
    return None


@FAST
@given(people=st.lists(st.tuples(names, st.sampled_from(["person", "person", "group"])), min_size=1, max_size=12),
       renames=st.lists(st.tuples(st.integers(0, 11), names, st.sampled_from(["person", "organization"])), max_size=4),
       query=names)
def test_person_names_find_the_person_the_scan_found(people, renames, query):
    actors = [Actor(id=f"a{k}", name=name, kind=kind) for k, (name, kind) in enumerate(people)]
    index = PersonNames()
    for k, actor in enumerate(actors):
        index.add(k, actor)
    for k, name, kind in renames:
        if k < len(actors):
            actors[k].name, actors[k].kind = name.title(), kind
            index.add(k, actors[k])
    parts = query.split()
    assert index.latest(parts) == _scan(actors, parts)


@FAST
@given(mentions=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 99)), max_size=30),
       first=st.integers(-3, 12), width=st.integers(0, 6))
def test_recent_actors_are_those_last_seen_in_the_window(mentions, first, width):
    sent_starts = [0, 10, 25, 40, 41, 60, 80, 95]
    recent = RecentActors(sent_starts)
    last_seen: dict[str, int] = {}
    for actor, token in mentions:
        actor_id = f"a{actor}"
        last_seen[actor_id] = max(last_seen.get(actor_id, -1), token)
        recent.seen(actor_id, last_seen[actor_id])
    position = {f"a{k}": k for k in range(6)}
    expected = [i for i in sorted(last_seen, key=position.__getitem__)
                if max(0, first) <= recent.sentence(last_seen[i]) <= first + width]
    assert recent.seen_in(first, first + width, position) == expected
    assert all(recent.sentence(t) == max(i for i, s in enumerate(sent_starts) if s <= t) for t in range(100))
