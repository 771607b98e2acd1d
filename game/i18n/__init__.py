"""Translation catalogs for every text the user sees outside the scenario files.

Catalogs are gettext ``.po`` files with symbolic message ids (``cli.path_missing``);
Dutch is the default language and English the second. They are read with Babel at
first use, so there is no compile step and no binary file to keep in sync.
Substitutions use ``str.format`` names: ``_("cli.path_missing", path=p)``.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
_CATALOG_DIR = Path(__file__).parent


def default_language() -> str:
    """Dutch, unless DILEMMASPEL_LANG names another language we have."""
    wanted = os.environ.get("DILEMMASPEL_LANG", DEFAULT_LANGUAGE)
    return wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE


_current = default_language()


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str | tuple[str, ...]]:
    """All translations of one language: msgid -> text (a tuple for plural forms).

    ``nl.po`` holds the core texts; each part of the program may keep its own
    ``PART.nl.po`` beside it (``ui.nl.po`` for the screens).
    """
    texts: dict[str, str | tuple[str, ...]] = {}
    for path in [_CATALOG_DIR / f"{lang}.po", *sorted(_CATALOG_DIR.glob(f"*.{lang}.po"))]:
        with open(path, "rb") as handle:
            po = read_po(handle, locale=lang)
        texts.update({msg.id if isinstance(msg.id, str) else msg.id[0]: msg.string
                      for msg in po if msg.id and msg.string})
    return texts


def set_language(lang: str) -> None:
    """Switch the language of every text produced from now on."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang


def get_language() -> str:
    return _current


def _lookup(msgid: str, lang: str | None) -> str | tuple[str, ...]:
    for candidate in (lang or _current, "en"):
        text = catalog(candidate).get(msgid)
        if text:
            return text
    return msgid


def _(msgid: str, lang: str | None = None, /, **params: object) -> str:
    """The translation of ``msgid`` with ``params`` filled in."""
    text = _lookup(msgid, lang)
    if isinstance(text, tuple):
        text = text[0]
    return text.format(**params) if params else text


def n_(msgid: str, count: int, lang: str | None = None, /, **params: object) -> str:
    """A plural-aware translation; Dutch and English both use 'one' for 1, else 'other'."""
    text = _lookup(msgid, lang)
    if isinstance(text, tuple):
        text = text[0] if count == 1 else text[-1]
    return text.format(count=count, **params)
