"""The plenary's figures and the exports after a training: report (HTML, Markdown, CSV, JSON) and cards.

For a screen or a script::

    from game.store.merge import gather, fingerprint
    from game.report.figures import Selection, figures, table_rounds, choices
    gathering = gather([folder])                       # read-only; warnings name skipped files
    rounds = table_rounds(s.state for s in gathering.sessions)
    cases = {case_id: library.case(case_id, lang).scenario for case_id in choices(rounds).cases}
    shown = figures(rounds, cases, Selection(case="hygiene-normen"))
    if fingerprint([folder]) != gathering.fingerprint:  # cheap; check every second or so
        gathering = gather([folder])

``game.report.document.build_report`` labels the figures for the exports and
``game.report.labels.Labels`` names ids in the room's language.
"""
