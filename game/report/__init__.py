"""The plenary's figures and the exports after a training: report (HTML, Markdown, CSV, JSON) and cards.

For the plenary screen, ``game.report.plenary.Plenary`` holds the gathered sessions of
some folders or files and keeps them up to date::

    from game.report.plenary import Plenary
    from game.report.figures import Selection
    plenary = Plenary([folder], open_library(), "nl")   # read-only; plenary.warnings name skipped files
    shown = plenary.figures(Selection(case="hygiene-normen"))   # numbers, per case/round/table
    blocks = plenary.report(Selection(round=1)).sections        # the same, labelled, as the report has them
    if plenary.refresh():                                       # cheap when no file changed
        shown = plenary.figures(Selection(case="hygiene-normen"))

Underneath: ``game.store.merge`` gathers the files, ``figures`` computes (pure functions),
``labels`` names ids in the room's language, ``document`` builds the labelled report that
``html`` and ``exports`` write, and ``cards`` makes the printable cards.
"""
