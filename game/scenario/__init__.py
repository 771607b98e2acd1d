"""Scenario files: the YAML format facilitators write, loaded into an immutable model."""
from game.scenario.loader import (BUNDLED_LIBRARY, CaseResult, Decks, Library, LoadedCase, load_case,
                                  load_deck, load_decks, load_library)
from game.scenario.model import Decision, Ending, Option, Scenario
from game.scenario.problems import CODES, Problem

__all__ = ["BUNDLED_LIBRARY", "CODES", "CaseResult", "Decision", "Decks", "Ending", "Library", "LoadedCase",
           "Option", "Problem", "Scenario", "load_case", "load_deck", "load_decks", "load_library"]
