"""Checks across a whole case: references, ids and the shape of the story graph.

They run on the raw data next to the model validation, so a file with a typo in
one option still gets all its broken links, unreachable parts and endless paths
reported in the same pass. Every check skips what does not have the right shape:
the model validation reports that.
"""
from __future__ import annotations

import difflib
from pathlib import Path

import networkx as nx

from game.scenario.images import KIND_OF_SUFFIX, image_fault
from game.scenario.model import Decision, Option, Scenario, default_option_id
from game.scenario.problems import Problem
from game.scenario.validation import dotted, meant_key
from game.scenario.yamlsource import Source


IMAGE_SUFFIXES = tuple(KIND_OF_SUFFIX)


def check_case(source: Source, role_ids: set[str], value_ids: set[str], asset_root: Path) -> list[Problem]:
    data = source.data if isinstance(source.data, dict) else {}
    decisions = _mapping(data.get("decisions"))
    endings = _mapping(data.get("endings"))
    own_values = set(_mapping(meant_block(data, "values", Scenario)))
    problems = [Problem(source.shown, mark.line, mark.col, "DUPLICATE_ID", {"id": key})
                for key, mark in source.duplicates]
    problems += _duplicate_node_ids(source, decisions, endings)
    problems += _unknown_roles(source, data, role_ids)
    problems += _unknown_values(source, data, value_ids | own_values)
    problems += _start(source, data, decisions)
    problems += _core(source, data, decisions)
    problems += _options(source, data, decisions, endings)
    problems += _graph(source, data, decisions, endings)
    problems += _images(source, data, decisions, asset_root)
    return problems


def _images(source: Source, data: dict, decisions: dict, root: Path) -> list[Problem]:
    places = [(("image",), data.get("image"))]
    places += [(("decisions", node_id, "image"), _mapping(d).get("image")) for node_id, d in decisions.items()]
    return [problem for path, ref in places if isinstance(ref, str) and ref.strip()
            for problem in _image_problems(source, path, ref.strip(), root)]


def _image_problems(source: Source, path: tuple, ref: str, root: Path) -> list[Problem]:
    """A reference must stay inside the library and name a real image of a sensible size."""
    variant = asset_problem(ref, source.path.parent, root)
    if variant:
        return [source.problem(path, "ASSET_PATH", hint_variant=variant, ref=ref)]
    fault = image_fault((source.path.parent / ref).resolve())
    return [source.problem(path, fault.code, hint_variant=fault.variant, ref=ref, **fault.params)] if fault else []


def asset_problem(ref: str, case_folder: Path, root: Path) -> str:
    """Why an image reference is refused ('' when it is fine): once '..' and links are followed,
    it must still be inside the library folder."""
    if Path(ref).is_absolute() or ref.startswith(("/", "\\")) or ":" in ref:
        return "absolute"
    candidate = case_folder / ref
    try:
        resolved = candidate.resolve()
        resolved.relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):
        return "outside"
    if resolved.suffix.lower() not in IMAGE_SUFFIXES:
        return "kind"
    if not resolved.exists():
        return "missing"
    return ""


def _mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _suggest(word: object, choices: set[str] | list[str]) -> dict:
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return {"suggestion": close[0]} if close else {}


def _reference_problem(source: Source, path: tuple, code: str, ref: object, choices, at_key: bool = False) -> Problem:
    params = {"ref": ref, "where": dotted(path), "known": ", ".join(sorted(map(str, choices))) or "-"}
    params.update(_suggest(ref, choices))
    variant = "" if "suggestion" in params else "list"
    return source.problem(path, code, at_key=at_key, hint_variant=variant, **params)


def _duplicate_node_ids(source: Source, decisions: dict, endings: dict) -> list[Problem]:
    return [source.problem(("endings", node_id), "DUPLICATE_ID", at_key=True, id=node_id)
            for node_id in endings if node_id in decisions]


def _unknown_roles(source: Source, data: dict, role_ids: set[str]) -> list[Problem]:
    return [_reference_problem(source, ("roles", role), "UNKNOWN_ROLE", role, role_ids, at_key=True)
            for role in _mapping(data.get("roles")) if role not in role_ids]


def _unknown_values(source: Source, data: dict, value_ids: set[str]) -> list[Problem]:
    places = []
    for side_index, side in enumerate(_list(data.get("tension"))):
        places.append((("tension", side_index, "values"), _mapping(side).get("values")))
    for node_id, decision in _mapping(data.get("decisions")).items():
        for opt_index, option in enumerate(_list(_mapping(decision).get("options"))):
            for field in ("favours", "pressures"):
                places.append((("decisions", node_id, "options", opt_index, field), _mapping(option).get(field)))
    return [_reference_problem(source, path + (index,), "UNKNOWN_VALUE", value, value_ids)
            for path, values in places
            for index, value in enumerate(_list(values))
            if isinstance(value, str) and value not in value_ids]


def _start(source: Source, data: dict, decisions: dict) -> list[Problem]:
    start = data.get("start")
    if start is None or not isinstance(start, str) or start in decisions or "decisions" not in data:
        return []  # without a decisions block (misspelt, say) that block's problem is the one to fix
    return [_reference_problem(source, ("start",), "UNKNOWN_NODE", start, set(decisions))]


def _core(source: Source, data: dict, decisions: dict) -> list[Problem]:
    """The core decision point must exist and offer a choice to a table that starts there (short plan):
    at least two options that depend on no earlier choice."""
    core = data.get("core")
    if core is None or not isinstance(core, str):
        return []
    if core not in decisions:
        return [_reference_problem(source, ("core",), "UNKNOWN_NODE", core, set(decisions))]
    options = _list(_mapping(decisions[core]).get("options"))
    free = [opt for opt in options if isinstance(opt, dict) and not opt.get("when")]
    if len(options) >= 2 and len(free) < 2:
        return [source.problem(("core",), "CORE_OPTIONS", core=core)]
    return []


def option_ids(decision: dict) -> list[str]:
    """Option ids as the model gives them: the author's id, else a, b, c, d (also under a misspelt 'options',
    so that conditions naming them are not reported on top of the misspelling)."""
    ids = []
    for index, option in enumerate(_list(meant_block(decision, "options", Decision))):
        given = _mapping(option).get("id")
        ids.append(given if isinstance(given, str) else default_option_id(index) if index < 4 else str(index))
    return ids


def _options(source: Source, data: dict, decisions: dict, endings: dict) -> list[Problem]:
    nodes = set(decisions) | set(endings)
    known_choices = {f"{node}.{oid}" for node, decision in decisions.items() for oid in option_ids(_mapping(decision))}
    problems = []
    for node_id, decision in decisions.items():
        decision = _mapping(decision)
        options = _list(decision.get("options"))
        base = ("decisions", node_id, "options")
        seen: set[str] = set()
        for index, (oid, option) in enumerate(zip(option_ids(decision), options)):
            option = _mapping(option)
            if oid in seen:
                problems.append(source.problem(base + (index, "id"), "DUPLICATE_ID", id=oid))
            seen.add(oid)
            target = option.get("next")
            if target is None and meant_block(option, "next", Option) is None:
                problems.append(source.problem(base + (index,), "OPTION_NO_NEXT", where=dotted(base + (index,))))
            elif isinstance(target, str) and target not in nodes and "endings" in data:
                problems.append(_reference_problem(source, base + (index, "next"), "UNKNOWN_NODE", target, nodes))
            problems += _conditions(source, base + (index,), option, known_choices)
        if options and all(_mapping(o).get("when") or _mapping(o).get("unless") for o in options):
            problems.append(source.problem(base, "NO_FREE_OPTION", where=dotted(base)))
    return problems


def _conditions(source: Source, path: tuple, option: dict, known: set[str]) -> list[Problem]:
    problems = []
    for field in ("when", "unless"):
        for index, ref in enumerate(_list(option.get(field))):
            if isinstance(ref, str) and ref not in known:
                problems.append(_reference_problem(source, path + (field, index), "UNKNOWN_OPTION", ref, known))
    return problems


def story_graph(decisions: dict, endings: dict) -> nx.DiGraph:
    """Decision points and endings as nodes; an edge for every option with a known target."""
    graph = nx.DiGraph()
    graph.add_nodes_from(decisions, kind="decision")
    graph.add_nodes_from(endings, kind="ending")
    for node_id, decision in decisions.items():
        for option in _list(_mapping(decision).get("options")):
            target = _mapping(option).get("next")
            if isinstance(target, str) and target in graph:
                graph.add_edge(node_id, target)
    return graph


def start_of(data: dict, decisions: dict) -> str | None:
    """The first decision point: the one ``start`` names, else the first in the file (None without any)."""
    start = data.get("start")
    return start if isinstance(start, str) and start in decisions else next(iter(decisions), None)


def reach(graph: nx.DiGraph, start: str | None, endings: dict) -> tuple[set[str], set[str]]:
    """The nodes a table can get to from ``start``, and the nodes from which it can still get to an ending."""
    reachable = nx.descendants(graph, start) | {start} if start is not None else set()
    can_end: set[str] = set()
    for ending in endings:
        can_end |= nx.ancestors(graph, ending) | {ending}
    return reachable, can_end


def _graph(source: Source, data: dict, decisions: dict, endings: dict) -> list[Problem]:
    if not decisions:
        return []
    graph = story_graph(decisions, endings)
    reachable, can_end = reach(graph, start_of(data, decisions), endings)
    problems = []
    # A reached option that leads nowhere known (a misspelt 'next', a missing 'options') is reported itself;
    # what it may have been meant to reach is then not "unreachable" as well.
    complete = all(_all_targets_known(decisions[node_id], graph) for node_id in reachable if node_id in decisions)
    for node_id in graph:
        section = "decisions" if node_id in decisions else "endings"
        if node_id not in reachable and complete:
            # Options that do lead here, from parts that are themselves never reached: the hint names them,
            # or "let an option lead here" sends the author looking for an option that is already there.
            via = ", ".join(f"'{before}'" for before in graph.predecessors(node_id) if before != node_id)
            problems.append(source.problem((section, node_id), "UNREACHABLE_NODE", at_key=True,
                                           hint_variant="via" if via else "", id=node_id, via=via))
    for node_id in decisions if "endings" in data else ():  # no endings block at all: that is the one problem
        if node_id in reachable and node_id not in can_end and _all_targets_known(decisions[node_id], graph):
            problems.append(source.problem(("decisions", node_id), "NO_ENDING", at_key=True, id=node_id))
    return problems


def _all_targets_known(decision: object, graph: nx.DiGraph) -> bool:
    """Whether every option of a decision leads to a known part (not so without options: a misspelt block)."""
    options = _list(_mapping(decision).get("options"))
    return bool(options) and all(isinstance(_mapping(o).get("next"), str) and _mapping(o).get("next") in graph
                                 for o in options)


def meant_block(mapping: dict, key: str, model: type) -> object:
    """What stands under ``key``, or under an unknown key that means it (``waarden:`` for ``values:``)."""
    if key in mapping:
        return mapping[key]
    allowed = list(model.model_fields)
    return next((value for other, value in mapping.items()
                 if isinstance(other, str) and other not in allowed and meant_key(other, allowed) == key), None)
