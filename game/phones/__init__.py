"""Phones at the table: each player's private steps (the role card, values, the hidden votes) on their own phone.

A phone is another input device, not another game. The web server (``server``) runs in a thread of
its own while a session uses phones; a tap becomes the same engine command as a tap on the shared
screen, queued to the one loop that owns the session (``hub``), executed there, committed to the log,
and only then acknowledged. What a phone may do and show follows from the session's state
(``tasks``); who a phone is, from the table's pass (``tokens``). Nothing here imports the screens.
"""
