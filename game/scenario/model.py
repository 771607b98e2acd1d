"""The scenario model: what a case file may contain, as immutable pydantic models.

The field descriptions are written for facilitators (in Dutch): they become the
hover help of the JSON Schema and the reference in ``docs/``. Keys are short
English words; the text inside is in the language of the file.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from game.scenario.plans import KORT

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60),
    Field(description="Een korte naam met kleine letters, cijfers en streepjes, zoals `eerste-gesprek`."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Language = Literal["nl", "en"]
ImagePath = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    Field(description="Een afbeelding (.png, .jpg of .svg; hoogstens 10 MB en 8000 × 8000 pixels) in de map van de "
                      "bibliotheek, met een pad vanaf die map of vanaf de casus, zoals `afbeeldingen/washand.png`. "
                      "Paden buiten de map worden geweigerd."),
]


def default_option_id(index: int) -> str:
    """The id of an option without one: its letter, a for the first."""
    return "abcd"[index]


class Frozen(BaseModel):
    """Base for every part of a case: unknown keys are errors, nothing changes after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleBrief(Frozen):
    """What one role knows, wants and fears in this case."""

    knows: Text = Field(description="Wat deze persoon weet of gezien heeft.")
    wants: Text = Field(description="Wat deze persoon wil of belangrijk vindt.")
    fears: Text = Field(description="Waar deze persoon bang voor is of tegenop ziet.")


class Side(Frozen):
    """One side of the dilemma: a short statement and the values behind it."""

    text: Line = Field(description="De ene kant van het dilemma in een paar woorden.")
    values: tuple[Id, ...] = Field(
        default=(), description="De waarden (uit de waardenkaarten) die bij deze kant horen.")


class Consequences(Frozen):
    """What follows from an option, told from the three corners of the collaboration triangle."""

    resident: Text = Field(description="Wat dit betekent voor de bewoner.")
    family: Text = Field(description="Wat dit betekent voor de mantelzorger of familie.")
    team: Text = Field(description="Wat dit betekent voor het team.")


class Option(Frozen):
    """One choice at a decision point. No option is the right one."""

    id: Id | None = Field(
        default=None,
        description="Vaste naam van de optie. Zonder id krijgt de optie een letter: a, b, c, d "
                    "(geef zelf een id als je opties later nog van volgorde wilt wisselen).")
    text: Line = Field(description="De keuze zoals de spelers die lezen.")
    label: Label | None = Field(
        default=None,
        description="Een korte naam voor de keuze (hooguit 40 tekens), voor de grafieken van de plenaire "
                    "bespreking en het verslag. Zonder label staat daar de hele keuze.")
    next: Id | None = Field(
        default=None, description="Het beslismoment of het einde waar deze keuze naartoe leidt.")
    consequences: Consequences = Field(description="Gevolgen voor bewoner, familie en team.")
    favours: tuple[Id, ...] = Field(default=(), description="Waarden die deze keuze vooropzet.")
    pressures: tuple[Id, ...] = Field(default=(), description="Waarden die door deze keuze onder druk komen.")
    when: tuple[str, ...] = Field(
        default=(),
        description="Alleen tonen als eerder deze keuzes gemaakt zijn, als `beslismoment.optie`.")
    unless: tuple[str, ...] = Field(
        default=(),
        description="Niet tonen als eerder een van deze keuzes gemaakt is, als `beslismoment.optie`.")


class Decision(Frozen):
    """A decision point: the situation and 2 to 4 options."""

    title: Line = Field(description="Korte titel van dit moment.")
    text: Text = Field(description="Wat er op dit moment speelt.")
    question: Line | None = Field(
        default=None, description="De vraag aan de tafel. Zonder vraag: 'Wat kies je?'.")
    image: ImagePath | None = Field(
        default=None, description="Een plaatje bij dit beslismoment, rechtsboven bij de tekst die de tafel leest "
                                  "voordat ze kiest, zoals `afbeeldingen/washand.svg`.")
    options: tuple[Option, ...] = Field(min_length=2, max_length=4, description="Twee tot vier keuzes.")

    def option_ids(self) -> tuple[str, ...]:
        """The ids of the options, letters where the author gave none."""
        return tuple(opt.id or default_option_id(i) for i, opt in enumerate(self.options))

    def option(self, option_id: str) -> Option | None:
        for oid, opt in zip(self.option_ids(), self.options):
            if oid == option_id:
                return opt
        return None


class Ending(Frozen):
    """An ending: how the story closes and the questions for the table."""

    title: Line = Field(description="Korte titel van dit einde.")
    text: Text = Field(description="Hoe het verhaal afloopt.")
    reflection: tuple[Line, ...] = Field(min_length=3, max_length=5, description="Drie tot vijf open vragen om samen over te praten.")


class Fact(Frozen):
    """Background: what the law, a model or research says, with its source."""

    title: Line = Field(description="Bijvoorbeeld 'Wat zegt de wet?'.")
    text: Text = Field(description="De achtergrond in gewone woorden.")
    source: Line = Field(description="Waar dit vandaan komt.")


class Card(Frozen):
    """A card of a deck: a name and one line a player understands at a glance."""

    name: Line = Field(description="De naam op de kaart.")
    line: Line = Field(description="Eén zin uitleg.")


class DeckCard(Card):
    """A card of a shared deck, with an optional English version."""

    en: Card | None = Field(default=None, description="De Engelse versie van deze kaart.")


Deck = dict[Id, DeckCard]
"""A deck file: card ids with their cards."""

Corner = Literal["resident", "family", "team"]


class RoleCard(DeckCard):
    """A role card: a deck card that belongs to one corner of the collaboration triangle (its colour on screen)."""

    corner: Corner = Field(
        description="De hoek van de samenwerkingsdriehoek waar deze rol bij hoort, en daarmee de kleur van de "
                    "kaart: `resident` (de bewoner en medebewoners), `family` (familie en andere naasten) of "
                    "`team` (zorgmedewerkers, vrijwilligers en andere professionals).")


RoleDeck = dict[Id, RoleCard]
"""The role deck file: role ids with their cards, each with its corner."""


class Scenario(Frozen):
    """One case (casus): a branching dilemma."""

    id: Id = Field(description="Vaste naam van de casus; verander die niet meer na het eerste gebruik.")
    version: int = Field(default=1, ge=1, description="Verhoog dit nummer als je de casus inhoudelijk wijzigt.")
    lang: Language = Field(default="nl", description="Taal van de tekst: `nl` of `en`.")
    title: Line = Field(description="De titel van de casus.")
    theme: Line = Field(description="Het thema, zoals 'rol- en taakverdeling'.")
    tension: tuple[Side, Side] = Field(description="De twee waarden die botsen: precies twee kanten.")
    setting: Text = Field(description="Waar en wanneer het speelt, en wie er zijn.")
    intro: Text = Field(description="Het verhaal zoals de tafel het als eerste leest.")
    short_intro: Text | None = Field(
        default=None,
        description="Een kortere versie van het verhaal voor het speelplan Kort (15 minuten). "
                    "Zonder short_intro leest de tafel ook in Kort het hele verhaal.")
    image: ImagePath | None = Field(
        default=None, description="Een plaatje bij de casus, rechtsboven bij het verhaal op het eerste scherm van "
                                  "de ronde en in de bibliotheek (de tekst loopt eronder door), zoals "
                                  "`afbeeldingen/washand.svg` (.png, .jpg of .svg).")
    content_note: Line | None = Field(
        default=None, description="Waarschuwing vooraf als de casus gaat over rouw, levenseinde of conflict.")
    roles: dict[Id, RoleBrief] = Field(description="De rollen uit de rollenkaarten die meespelen, elk met hun eigen kijk.")
    values: dict[Id, Card] = Field(default_factory=dict, description="Extra waardenkaarten alleen voor deze casus.")
    start: Id | None = Field(default=None, description="Het eerste beslismoment. Zonder start: het eerste in de lijst.")
    core: Id | None = Field(
        default=None,
        description="Het kernmoment: het beslismoment dat het speelplan Kort (15 minuten) speelt. "
                    "Zonder core: het eerste beslismoment (start).")
    decisions: dict[Id, Decision] = Field(description="De beslismomenten, elk met een eigen id.")
    endings: dict[Id, Ending] = Field(description="De mogelijke eindes, elk met een eigen id.")
    facts: tuple[Fact, ...] = Field(default=(), description="Achtergrond: wat zegt de wet, wat zegt een model.")
    sources: tuple[Line, ...] = Field(default=(), description="Bronnen van de casus.")

    def start_id(self) -> str:
        return self.start or next(iter(self.decisions))

    def core_id(self) -> str:
        """The core decision point: the one the short plan plays."""
        return self.core or self.start_id()

    def intro_for(self, plan: str) -> str:
        """The story as the table first reads it in this plan."""
        return self.short_intro if plan == KORT and self.short_intro else self.intro

    def node(self, node_id: str) -> Decision | Ending | None:
        return self.decisions.get(node_id) or self.endings.get(node_id)
