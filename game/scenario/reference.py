"""The format reference, made from the model itself so it cannot drift from the code.

``key_tables`` gives the Markdown tables of every part of a case (key, required or
default, what it is), from the field descriptions in ``model.py``; the JSON Schema for
editors is made in ``editor_schema``.
"""
from __future__ import annotations

import types
import typing

from pydantic import BaseModel

from game.i18n import _
from game.scenario.model import Scenario


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found


def models_of(root: type[BaseModel]) -> list[type[BaseModel]]:
    """The root model and every model inside it, in reading order, each once."""
    order: list[type[BaseModel]] = []
    pending = [root]
    while pending:
        model = pending.pop(0)
        if model in order:
            continue
        order.append(model)
        for field in model.model_fields.values():
            pending += [m for m in _models_in(field.annotation) if m not in order]
    return order


def _type_name(annotation: object) -> str:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
    if origin in (typing.Union, types.UnionType):
        return " / ".join(_type_name(a) for a in args if a is not type(None))
    if origin is typing.Annotated:
        has_pattern = any(getattr(meta, "pattern", None) for meta in annotation.__metadata__)
        return "id" if has_pattern else _type_name(args[0])
    if origin in (tuple, list):
        return _("reference.list_of", item=_type_name(args[0])) if args else _("reference.list")
    if origin is dict:
        return _("reference.map_of", item=_type_name(args[1]))
    if origin is typing.Literal:
        return _("reference.one_of", choices=", ".join(f"`{a}`" for a in args))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{_('reference.model.' + annotation.__name__)}](#{annotation.__name__.lower()})"
    return {str: _("reference.text"), int: _("reference.number"), bool: "true/false"}.get(annotation, str(annotation))


def _default(field) -> str:
    if field.is_required():
        return _("reference.required")
    if field.default_factory is not None or field.default in ((), None):
        return _("reference.optional")
    return _("reference.default", value=field.default)


def key_tables(root: type[BaseModel] = Scenario) -> str:
    """Markdown: one section per part of the format, one row per key."""
    parts = []
    for model in models_of(root):
        title = _("reference.model." + model.__name__)
        rows = [f'<a id="{model.__name__.lower()}"></a>', f"### {title[0].upper()}{title[1:]}", "",
                _("reference.about." + model.__name__), "",
                f"| {_('reference.key')} | {_('reference.kind')} | {_('reference.needed')} | {_('reference.meaning')} |",
                "|---|---|---|---|"]
        for name, field in model.model_fields.items():
            meaning = (field.description or "").replace("|", "\\|")
            kind = "id" if any(getattr(m, "pattern", None) for m in field.metadata) else _type_name(field.annotation)
            rows.append(f"| `{name}` | {kind} | {_default(field)} | {meaning} |")
        parts.append("\n".join(rows))
    return "\n\n".join(parts) + "\n"
