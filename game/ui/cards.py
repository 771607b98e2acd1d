"""The names of cards and players for the screens; they live in ``game.cards``, shared with the phones' pages."""
from game.cards import player_name, role_card, value_card, value_ids, value_names

__all__ = ["player_name", "role_card", "value_card", "value_ids", "value_names"]
