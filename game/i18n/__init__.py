"""Translation catalogs for every text the user sees outside the scenario files.

Catalogs are gettext ``.po`` files with symbolic message ids (``cli.path_missing``);
Dutch is the default language and English the second. They are read with Babel at
first use, so there is no compile step and no binary file to keep in sync; what Babel
read is kept as JSON in the user's cache folder, so the next start skips the parsing
until a catalog file changes. Substitutions use ``str.format`` names:
``_("cli.path_missing", path=p)``.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from platformdirs import user_cache_dir

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
    paths = [_CATALOG_DIR / f"{lang}.po", *sorted(_CATALOG_DIR.glob(f"*.{lang}.po"))]
    stamp = [[path.name, path.stat().st_mtime_ns, path.stat().st_size] for path in paths]
    kept = _cache_file(lang)
    try:
        cached = json.loads(kept.read_text(encoding="utf-8"))
        if cached["stamp"] == stamp:
            return {key: tuple(text) if isinstance(text, list) else text for key, text in cached["texts"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # no cache yet, or one from other catalog files: read them
    texts = _read_catalogs(paths, lang)
    _keep(kept, {"stamp": stamp, "texts": texts})
    return texts


def _read_catalogs(paths: list[Path], lang: str) -> dict[str, str | tuple[str, ...]]:
    from babel.messages.pofile import read_po
    texts: dict[str, str | tuple[str, ...]] = {}
    for path in paths:
        with open(path, "rb") as handle:
            po = read_po(handle, locale=lang)
        texts.update({msg.id if isinstance(msg.id, str) else msg.id[0]: msg.string
                      for msg in po if msg.id and msg.string})
    return texts


def _cache_file(lang: str) -> Path:
    return Path(user_cache_dir("dilemmaspel", appauthor=False)) / f"catalog-{lang}.json"


def _keep(path: Path, content: dict) -> None:
    """Write the cache whole or not at all (a reader never sees half a file); a read-only home is fine."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"{path.name}.{os.getpid()}.part")
        part.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        os.replace(part, path)
    except OSError:
        pass


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
