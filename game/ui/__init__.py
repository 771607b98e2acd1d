"""The table screens of Dilemmaspel: pygame-ce + pygame_gui, presentation only.

Scenes render the frozen state of a ``StoredSession`` and send it commands; they
never change game state themselves. Every text comes from the catalogs
(``ui.nl.po``/``ui.en.po``) or from the case being played.
"""
