"""Turning pydantic's validation errors into problems an author understands.

pydantic reports a ``loc`` (a path into the data) and an error type in English.
Here each error gets a code of our own, a message in the catalogs and the place
in the file: the longest part of ``loc`` that exists in the YAML.
"""
from __future__ import annotations

import datetime
import difflib
import types
import typing

from pydantic import BaseModel, ValidationError

from game.i18n import _
from game.scenario.problems import Problem
from game.scenario.yamlsource import Source

_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "int",
    "int_parsing": "int",
    "int_from_float": "int",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "list_type": "list",
    "tuple_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "literal_error": None,
}
_COUNT_CODES = {"options": ("OPTION_COUNT", 2, 4), "reflection": ("REFLECTION_COUNT", 3, 5)}


def problems_from(error: ValidationError, source: Source, root: object) -> list[Problem]:
    """One problem per pydantic error; ``root`` is the type the whole file was checked against."""
    found = [_problem(item, source, root) for item in error.errors(include_url=False)]
    return _without_misspelt_missing([problem for problem in found if problem])


def _without_misspelt_missing(problems: list[Problem]) -> list[Problem]:
    """Drop "'x' is missing" where the same block has an unknown key that is a typo of x."""
    typos = {(p.params.get("where"), p.params.get("suggestion")) for p in problems if p.code == "UNKNOWN_KEY"}
    return [p for p in problems
            if not (p.code == "MISSING_FIELD" and (p.params.get("where"), p.params.get("field")) in typos)]


def _problem(item: dict, source: Source, model: object) -> Problem | None:
    loc = tuple(item["loc"])
    kind = item["type"]
    where = dotted(loc)
    if kind == "missing":
        return source.problem(loc[:-1], "MISSING_FIELD", field=loc[-1], where=dotted(loc[:-1]))
    if kind == "extra_forbidden":
        return _unknown_key(loc, source, model)
    if "[key]" in loc:
        key_path = loc[: loc.index("[key]")]
        return source.problem(key_path, "INVALID_VALUE", at_key=True, where=where,
                              detail=_detail(item), hint_variant="id")
    if kind in ("too_short", "too_long") and loc and loc[-1] in _COUNT_CODES:
        return _count_problem(item, source, loc)
    if kind == "string_type" and kind_of(item["input"]) in _READ_AS_OTHER:
        return _needs_quotes(item, source, loc)
    if kind in _TYPE_NAMES and kind != "literal_error":
        return source.problem(loc, "WRONG_TYPE", where=where,
                              expected=_(f"type.{_TYPE_NAMES[kind]}"), found=_(f"type.{kind_of(item['input'])}"))
    variant = "id" if kind == "string_pattern_mismatch" else _HINTED_FIELDS.get(loc[-1] if loc else "", "")
    return source.problem(loc, "INVALID_VALUE", where=where, detail=_detail(item), hint_variant=variant)


_HINTED_FIELDS = {"corner": "corner"}  # fields whose wrong value gets a hint that names every choice


# What YAML makes of unquoted words that look like something else: 2024, 12:30 (a number: 750), 2024-03-01, true.
_READ_AS_OTHER = ("int", "number", "bool", "date")


def _needs_quotes(item: dict, source: Source, loc: tuple) -> Problem:
    """Text that YAML read as a number, a time, a date or true/false: show what was written and what YAML made of it."""
    read = item["input"]
    written = source.written(loc) or str(read)
    return source.problem(loc, "TEXT_NEEDS_QUOTES", where=dotted(loc), written=written,
                          found=_(f"type.{kind_of(read)}"), read=str(read).lower() if isinstance(read, bool) else read)


def _count_problem(item: dict, source: Source, loc: tuple) -> Problem | None:
    """Too few or too many options or questions; None when only the items themselves are broken."""
    code, least, most = _COUNT_CODES[loc[-1]]
    count = len(item["input"]) if isinstance(item["input"], (list, tuple)) else 0
    if least <= count <= most:
        return None  # pydantic counted only the valid items; the broken ones are reported on their own
    return source.problem(loc, code, where=dotted(loc), count=count)


def _detail(item: dict) -> str:
    ctx = {k: v for k, v in (item.get("ctx") or {}).items() if isinstance(v, (int, float, str))}
    if item["type"] == "literal_error":  # pydantic lists the choices as "'a', 'b' or 'c'", in English
        ctx["expected"] = ctx["expected"].replace(" or ", f" {_('detail.or')} ")
    text = _(f"detail.{item['type']}", **ctx)
    return item["msg"] if text == f"detail.{item['type']}" else text


def _unknown_key(loc: tuple, source: Source, model: object) -> Problem:
    key = str(loc[-1])
    allowed = allowed_keys(model, loc[:-1])
    meant = meant_key(key, allowed)
    params = {"key": key, "where": dotted(loc[:-1]), "allowed": ", ".join(allowed)}
    if meant:
        return source.problem(loc, "UNKNOWN_KEY", at_key=True, suggestion=meant, **params)
    return source.problem(loc, "UNKNOWN_KEY", at_key=True, hint_variant="list", **params)


# Keys are English; an author writing Dutch prose types the Dutch word. Each word with the keys it may mean,
# the first one the block allows is suggested (``naam`` is the ``name`` of a card, the ``id`` of a case).
DUTCH_KEYS: dict[str, tuple[str, ...]] = {
    "code": ("id",), "naam": ("name", "id"), "kenmerk": ("id",), "versie": ("version",), "taal": ("lang",),
    "titel": ("title",), "kop": ("title",), "kopje": ("title",), "thema": ("theme",), "onderwerp": ("theme",),
    "spanning": ("tension",), "spanningsveld": ("tension",), "dilemma": ("tension",),
    "situatie": ("setting",), "omgeving": ("setting",), "plaats": ("setting",), "context": ("setting",),
    "inleiding": ("intro",), "introductie": ("intro",), "verhaal": ("intro",),
    "korte_inleiding": ("short_intro",), "kort_verhaal": ("short_intro",), "korte-inleiding": ("short_intro",),
    "kernmoment": ("core",), "kern": ("core",), "etiket": ("label",), "korte_tekst": ("label",),
    "kort": ("label",),
    "afbeelding": ("image",), "plaatje": ("image",), "foto": ("image",), "beeld": ("image",),
    "waarschuwing": ("content_note",), "inhoudswaarschuwing": ("content_note",), "let-op": ("content_note",),
    "rollen": ("roles",), "rol": ("roles",), "rolkaarten": ("roles",),
    "waarden": ("values",), "waarde": ("values",), "waardenkaarten": ("values",),
    "begin": ("start",), "beginpunt": ("start",), "startpunt": ("start",), "eerste": ("start",),
    "beslismomenten": ("decisions",), "beslismoment": ("decisions",), "keuzemomenten": ("decisions",),
    "momenten": ("decisions",), "stappen": ("decisions",),
    "einde": ("endings",), "eindes": ("endings",), "einden": ("endings",), "afloop": ("endings",),
    "feiten": ("facts",), "feit": ("facts",), "achtergrond": ("facts",),
    "bronnen": ("sources", "source"), "bron": ("source", "sources"),
    "weet": ("knows",), "weten": ("knows",), "kennis": ("knows",),
    "wil": ("wants",), "wilt": ("wants",), "willen": ("wants",), "wens": ("wants",), "wensen": ("wants",),
    "vreest": ("fears",), "vrees": ("fears",), "angst": ("fears",), "angsten": ("fears",), "bang": ("fears",),
    "zorgen": ("fears",),
    "tekst": ("text",), "omschrijving": ("text", "line"), "beschrijving": ("text", "line"),
    "bewoner": ("resident",), "client": ("resident",), "cliënt": ("resident",),
    "familie": ("family",), "mantelzorger": ("family",), "naaste": ("family",), "naasten": ("family",),
    "hoek": ("corner",), "driehoek": ("corner",), "kleur": ("corner",),
    "gevolgen": ("consequences",), "gevolg": ("consequences",), "consequenties": ("consequences",),
    "bevordert": ("favours",), "steunt": ("favours",), "voor": ("favours",),
    "schaadt": ("pressures",), "onder-druk": ("pressures",), "tegen": ("pressures",), "druk": ("pressures",),
    "als": ("when",), "wanneer": ("when",), "alleen-als": ("when",), "tenzij": ("unless",), "behalve": ("unless",),
    "volgende": ("next",), "daarna": ("next",), "verder": ("next",), "naar": ("next",), "vervolg": ("next",),
    "vraag": ("question",), "opties": ("options",), "optie": ("options",), "keuzes": ("options",),
    "keuzen": ("options",), "keuze": ("options",), "mogelijkheden": ("options",), "choices": ("options",),
    "reflectie": ("reflection",), "vragen": ("reflection",), "nabespreking": ("reflection",),
    "regel": ("line",), "uitleg": ("line",), "zin": ("line",), "engels": ("en",),
}


def meant_key(key: str, allowed: list[str]) -> str | None:
    """The allowed key an unknown one most likely means: its English word for a Dutch key, else a close spelling."""
    word = key.strip().lower()
    meant = next((k for k in DUTCH_KEYS.get(word, ()) if k in allowed), None)
    if meant:
        return meant
    close = difflib.get_close_matches(word, allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def allowed_keys(root: object, path: tuple) -> list[str]:
    """The keys the model accepts at ``path`` (keys of dicts and list indexes skipped)."""
    current: object = root
    for part in path:
        current = _step(current, part)
        if current is None:
            return []
    model_class = _model_in(current)
    return list(model_class.model_fields) if model_class else []


def _step(annotation: object, part: object) -> object:
    model_class = _model_in(annotation)
    if model_class is not None:
        field = model_class.model_fields.get(str(part))
        return field.annotation if field else None
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
    if origin in (dict,):
        return args[1] if len(args) == 2 else None
    if origin in (tuple, list):
        if not args:
            return None
        index = part if isinstance(part, int) else 0
        return args[min(index, len(args) - 1)]
    return None


def _model_in(annotation: object) -> type[BaseModel] | None:
    """The model class in ``annotation``, looking inside ``X | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


def kind_of(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (datetime.date, datetime.time)):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    if value is None:
        return "empty"
    return "other"


def dotted(loc: tuple) -> str:
    """A path as an author reads it: ``decisions > start > options > 2`` (counting from 1)."""
    parts = [str(p + 1) if isinstance(p, int) else str(p) for p in loc if p != "[key]"]
    return " > ".join(parts) if parts else _("where.top")
