"""The JSON Schema of the format, for completion and hover help in an editor (VS Code's YAML extension).

pydantic writes a schema in the newest draft (``$defs``, ``prefixItems`` for a pair, ``$ref`` with
other keywords beside it); the YAML language server understands draft-07, where those are unknown
words that are silently ignored, so part of a case would never be checked. This module turns it into
a schema that is valid draft-07 throughout, with a Dutch description on every key, patterns for ids
and for ``beslismoment.optie`` references, and the roles and values of the decks offered as choices
while other ids (a case's own values, another library's roles) stay allowed. pydantic stays the
authority: the schema helps while typing, ``dilemmaspel validate`` decides.
"""
from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from game.i18n import _
from game.scenario.loader import BUNDLED_LIBRARY, DECK_FOLDER, Decks, load_decks
from game.scenario.model import Deck, RoleDeck, Scenario

SCHEMA_DRAFT = "http://json-schema.org/draft-07/schema#"
DEFINITIONS = "#/definitions/"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
CHOICE_PATTERN = r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$"
ID_MAX_LENGTH = 60
VALUE_FIELDS = {"Side": ("values",), "Option": ("favours", "pressures")}
CHOICE_FIELDS = ("when", "unless")


def json_schema(root: Any = Scenario, decks: Decks | None = None) -> dict:
    """The draft-07 schema of ``root`` (a case or a deck), with the cards of ``decks`` (the bundled decks
    when none are given) as choices."""
    decks = decks or load_decks(BUNDLED_LIBRARY / DECK_FOLDER)[0]
    schema = TypeAdapter(root).json_schema(ref_template=DEFINITIONS + "{model}")
    definitions = schema.pop("$defs", {})
    for name, definition in definitions.items():
        definition.update(title=_(f"reference.model.{name}"), description=_(f"reference.about.{name}"))
    if root is Scenario:
        schema.update(title=_("reference.model.Scenario"), description=_("reference.about.Scenario"))
        _offer_deck_cards(schema, definitions, decks)
    elif root is Deck:
        schema["description"] = _("schema.deck")
    elif root is RoleDeck:
        schema["description"] = _("schema.role_deck")
    if definitions:
        schema["definitions"] = definitions
    schema = draft_07(schema)
    schema["$schema"] = SCHEMA_DRAFT
    return schema


def schema_text(root: Any = Scenario, decks: Decks | None = None) -> str:
    return json.dumps(json_schema(root, decks), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def draft_07(node: Any) -> Any:
    """The same schema in draft-07 words, every property described, without pydantic's English titles."""
    if isinstance(node, list):
        return [draft_07(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: draft_07(value) if key not in ("enum", "default", "examples", "const") else value
            for key, value in node.items()}
    if "prefixItems" in node:  # a fixed tuple: draft-07 says it with a list of items
        rest = node.pop("items", False)
        node["items"] = node.pop("prefixItems")
        node["additionalItems"] = rest
    if "patternProperties" in node and len(node["patternProperties"]) == 1:  # a mapping with ids as keys
        (pattern, value), = node.pop("patternProperties").items()
        node["propertyNames"] = {**node.get("propertyNames", {}), "pattern": pattern}
        node["additionalProperties"] = value
    if "$ref" in node and len(node) > 1:  # draft-07 ignores every keyword beside $ref
        node = {"allOf": [{"$ref": node.pop("$ref")}], **node}
    for name, prop in node.get("properties", {}).items():
        if isinstance(prop, dict):
            prop.pop("title", None)
            _hoist_description(prop)
    return node


def _hoist_description(prop: dict) -> None:
    """A key whose description pydantic put inside one of its alternatives (``X | None``) gets it itself."""
    if "description" in prop:
        return
    for branch in prop.get("anyOf", []):
        if "description" in branch:
            prop["description"] = branch.pop("description")
            return


def _offer_deck_cards(schema: dict, definitions: dict, decks: Decks) -> None:
    """The roles of the role deck as keys under ``roles:``, the values of the value deck as choices."""
    definitions["ValueId"] = {
        "title": _("schema.value_id_title"), "description": _("schema.value_id"), "type": "string",
        "maxLength": ID_MAX_LENGTH,
        "anyOf": [{"enum": list(decks.values), "description": _("schema.value_from_deck")},
                  {"pattern": ID_PATTERN, "description": _("schema.value_own")}]}
    for model, fields in VALUE_FIELDS.items():
        for field in fields:
            definitions[model]["properties"][field]["items"] = {"$ref": DEFINITIONS + "ValueId"}
    for field in CHOICE_FIELDS:
        definitions["Option"]["properties"][field]["items"] = {
            "type": "string", "pattern": CHOICE_PATTERN, "description": _("schema.choice_ref")}
    roles = schema["properties"]["roles"]
    roles["properties"] = {role: {"$ref": DEFINITIONS + "RoleBrief", "description": f"{card.name}: {card.line}"}
                           for role, card in decks.roles.items()}
