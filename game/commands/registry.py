"""Every subcommand of ``dilemmaspel`` in one list, in the order of ``--help``.

A subcommand is its name, the function that runs it (``args -> exit code``), the catalog ids of its help texts
and the function that adds its arguments to its parser. The modules only define those functions; this list is
the whole command line, so a new command is added here and nowhere else.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Callable

from game.authoring import checking, graph, newcase, preview, schemas, textplay, timing, watch
from game.commands import facilitator, plenary, solo


@dataclass(frozen=True)
class Subcommand:
    name: str
    run: Callable[[argparse.Namespace], int]
    help_id: str
    description_id: str
    arguments: Callable[[argparse.ArgumentParser], None]


SUBCOMMANDS: tuple[Subcommand, ...] = (
    Subcommand("validate", watch.run_validate, "cli.validate_help", "cli.validate_description",
               watch.validate_arguments),
    Subcommand("lint", watch.run_lint, "cli.lint_help", "cli.lint_description", checking.path_arguments),
    Subcommand("merge", facilitator.cmd_merge, "report.cli.merge_help", "report.cli.merge_description",
               facilitator.merge_arguments),
    Subcommand("report", facilitator.cmd_report, "report.cli.report_help", "report.cli.report_description",
               facilitator.report_arguments),
    Subcommand("cards", facilitator.cmd_cards, "report.cli.cards_help", "report.cli.cards_description",
               facilitator.cards_arguments),
    Subcommand("sessions", facilitator.cmd_sessions, "report.cli.sessions_help", "report.cli.sessions_description",
               facilitator.sessions_arguments),
    Subcommand("new", newcase.run_new, "authoring.new.help", "authoring.new.description", newcase.new_arguments),
    Subcommand("schema", schemas.run_schema, "authoring.schema.help", "authoring.schema.description",
               schemas.schema_arguments),
    Subcommand("graph", graph.run_graph, "authoring.graph.help", "authoring.graph.description",
               graph.graph_arguments),
    Subcommand("play-text", textplay.run_play_text, "authoring.play.help", "authoring.play.description",
               textplay.play_text_arguments),
    Subcommand("preview", preview.run_preview, "authoring.preview.help", "authoring.preview.description",
               preview.preview_arguments),
    Subcommand("timing", timing.cmd_timing, "timing.cli.help", "timing.cli.description", timing.timing_arguments),
    Subcommand("plenary", plenary.cmd_plenary, "plenary.screen.cli_help", "plenary.screen.cli_description",
               plenary.plenary_arguments),
    Subcommand("solo", solo.cmd_solo, "solo.cli.help", "solo.cli.description", solo.solo_arguments),
)
