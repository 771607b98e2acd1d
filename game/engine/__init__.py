"""The rules of a session, in pure Python: commands in, events out, state as a fold over events.

This package never imports pygame, YAML or SQLite (a test checks it): the screens,
the files and the log all plug in from the outside.
"""
from game.engine.commands import (AddMinute, AddNote, AdvancePhase, CastVote, Continue, Durations, DrawRole,
                                  EditNote, ExploreOption, FinishSharing, GoBack, PauseClock, PickRole, PickValues,
                                  RecordValues, RemoveNote, ResumeClock, StartSession, WriteReflection)
from game.engine.errors import CommandRejected
from game.engine.session import CaseBook, Session
from game.engine.state import SessionState, replay

__all__ = ["AddMinute", "AddNote", "AdvancePhase", "CaseBook", "CastVote", "CommandRejected", "Continue",
           "Durations", "DrawRole", "EditNote", "ExploreOption", "FinishSharing", "GoBack", "PauseClock", "PickRole",
           "PickValues", "RecordValues", "RemoveNote", "ResumeClock", "Session", "SessionState", "StartSession",
           "WriteReflection", "replay"]
