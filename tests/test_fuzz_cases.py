"""Fuzzing the loader with mutated real cases: whatever the bytes, no exception escapes, and every
problem names the file and a line inside it, with a known code and a message in both languages."""
from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.loader import BUNDLED_LIBRARY, load_case, load_decks
from game.scenario.problems import CODES

ORIGINAL = (BUNDLED_LIBRARY / "hygiene-normen.yaml").read_bytes()
DATA = yaml.safe_load(ORIGINAL)
DECKS, _ = load_decks(BUNDLED_LIBRARY / "decks")
FUZZ = settings(max_examples=1000, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

odd_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
odd_values = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**40, max_value=10**40), st.floats(allow_nan=True),
    odd_text, st.just("\u202e\u200b\ufeff"), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.integers(1, 60).map(lambda depth: eval("[" * depth + "]" * depth)),
)


def paths_of(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths_of(child, prefix + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths_of(child, prefix + (index,))


ALL_PATHS = [p for p in paths_of(DATA) if p]


def mutated(path, action, value):
    import copy
    data = copy.deepcopy(DATA)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if action == "delete":
        del parent[path[-1]]
    elif action == "replace":
        parent[path[-1]] = value
    else:
        if isinstance(parent, dict):
            parent[f"{path[-1]}x"] = value
        else:
            parent.insert(path[-1], value)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def check(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "gemuteerd.yaml"
    path.write_bytes(content)
    result = load_case(path, DECKS)
    lines = max(1, content.count(b"\n") + 1)
    for problem in result.problems:
        assert problem.code in CODES
        assert problem.path.endswith("gemuteerd.yaml")
        assert 1 <= problem.line <= lines + 1 and problem.col >= 1
        assert problem.message("nl") and problem.hint("en")
    assert (result.case is None) == bool(result.problems)


@FUZZ
@given(path=st.sampled_from(ALL_PATHS), action=st.sampled_from(["delete", "replace", "add"]), value=odd_values)
def test_mutated_data(tmp_path, path, action, value):
    check(tmp_path, mutated(path, action, value))


@FUZZ
@given(data=st.data())
def test_mutated_bytes(tmp_path, data):
    content = ORIGINAL
    kind = data.draw(st.sampled_from(["cut", "insert", "overwrite", "bomb", "nest"]))
    at = data.draw(st.integers(0, len(content)))
    if kind == "cut":
        content = content[:at]
    elif kind == "insert":
        content = content[:at] + data.draw(st.binary(min_size=1, max_size=30)) + content[at:]
    elif kind == "overwrite":
        junk = data.draw(st.binary(min_size=1, max_size=30))
        content = content[:at] + junk + content[at + len(junk):]
    elif kind == "bomb":
        content = content + b"\nbom: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
            b"b%d: &b%d [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n" % (i, i, *([b"a" if i == 0 else b"b%d" % (i - 1)] * 8))
            for i in range(8))
    else:
        depth = data.draw(st.integers(30, 3000))
        content = content + b"\ndiep: " + b"[" * depth + b"]" * depth + b"\n"
    check(tmp_path, content)
