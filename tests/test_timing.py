"""The time model on hand-made cases of known word counts, and the `timing` command over real files.

The expected figures are worked out by hand from the model's documented rates: 150 words a minute
aloud (0.4 s a word), 175 alone, 6 s a hand-off, 1.5 s a tap, and the least talk per step."""
from __future__ import annotations

import json

import pytest

from game.commands.cli import main
from game.scenario.model import Scenario
from game.scenario.timing import Rules, brief_seconds, estimate, round_work, walks_of


def text(n: int, word: str = "woord") -> str:
    return " ".join([word] * n) + "."


def consequences(n: int) -> dict:
    return {"resident": text(n), "family": text(n), "team": text(n)}


def case(intro_words: int = 145, short_intro: str | None = None, brief_words: int = 35) -> Scenario:
    """Aloud at the start: title (1) + tension (2 + 2) + intro = 150 words with the default intro."""
    part = brief_words // 3
    brief = {"knows": text(part), "wants": text(part), "fears": text(brief_words - 2 * part)}
    option = {"text": text(5), "consequences": consequences(25), "favours": ["a"], "pressures": ["b"]}
    ending = {"title": "Einde", "text": text(24), "reflection": [text(5)] * 3}
    return Scenario.model_validate({
        "id": "proef", "title": "Proef", "theme": "test", "setting": "Hier.",
        "tension": [{"text": "Zelf kiezen"}, {"text": "Veilig blijven"}],
        "intro": text(intro_words, "a" if intro_words > 700 else "woord"), "short_intro": short_intro,
        "roles": {role: brief for role in ("bewoner", "partner", "evv", "teamleider")},
        "decisions": {"begin": {"title": "Begin", "text": text(39),
                                "options": [dict(option, next="einde-a"), dict(option, next="einde-b")]}},
        "endings": {"einde-a": ending, "einde-b": ending},
    })


# roles:   150 words aloud (60 s) + 5 players x (hand-off 6 + 2 taps 3 + brief 35 words alone 12) = 165
# values:  5 players x 5 taps (37.5) + 5 x 15 s of talk (75)                                      = 112.5
# choice:  50 words aloud (20) + hidden vote 5 x (6 + 3) (45) + the votes turned over: 1 tap (1.5)
#          + 30 talk + 1 of 2 options explored: 75 words (30) + 2 taps (3) + one player changes
#          (4 taps: 6) + the cards that moved turned over: 1 tap (1.5)                             = 137
# record:  4 taps (6) + typing a point (30) + 45 talk                                             = 81
SHORT_WORK = 165 + 112.5 + 137 + 81
REVEAL_TAPS = 2 * 1.5  # after the hidden vote, and after the second vote (someone moved)


def test_the_work_of_a_short_round_adds_up_reading_hand_offs_taps_and_talk():
    scenario = case()
    assert brief_seconds(scenario, "evv") == pytest.approx(12.0)
    work, handoffs = round_work(scenario, "kort", walks_of(scenario, "kort")[0])
    assert work == pytest.approx(SHORT_WORK)
    assert handoffs == 10


def test_a_round_that_fits_takes_the_time_its_plan_gives():
    found = estimate(case(), "kort")
    assert (found.shortest, found.median, found.longest) == (15.0, 15.0, 15.0)  # 10 table minutes + 5 plenary
    assert found.fits()


def test_a_long_story_makes_the_round_longer_than_its_plan():
    found = estimate(case(intro_words=645), "kort")  # 500 words more: 200 s more reading aloud
    assert found.median == pytest.approx(round((SHORT_WORK + 200 + 300) / 60, 1))
    assert found.median == 16.6 and not found.fits()


def test_a_short_intro_is_what_the_short_plan_reads():
    long_story = case(intro_words=645, short_intro=text(145))
    assert estimate(long_story, "kort").median == 15.0
    assert estimate(long_story, "lang").median == estimate(case(intro_words=645), "lang").median


def test_the_long_plan_adds_the_vote_and_explore_steps_the_ending_and_follows_an_option():
    scenario = case(intro_words=2145)  # 800 s more reading, so the work decides
    work, handoffs = round_work(scenario, "lang", walks_of(scenario, "lang")[0])
    ending = 40 * 0.4 + 60  # title, text and three questions aloud, and a minute of talk
    assert work == pytest.approx(SHORT_WORK + 800 + 1.5 + ending)
    assert handoffs == 10
    found = estimate(scenario, "lang")
    assert found.median == pytest.approx(round((SHORT_WORK + 800 + 1.5 + ending + 300) / 60, 1))


def test_the_long_plan_of_a_case_that_reads_fast_takes_its_steps_time():
    # draw 1 + share 3 + vote 2 + explore 3 + record 3 + ending 3 + plenary 5 minutes
    assert estimate(case(), "lang").median == 20.0


@pytest.mark.parametrize("rules,handoffs", [
    (Rules(), 10), (Rules(hidden_values=True), 15), (Rules(open_vote=True), 5),
    (Rules(hidden_values=True, everyone_votes_again=True), 20),
])
def test_hand_offs_follow_the_tables_choices(rules, handoffs):
    assert estimate(case(), "kort", rules=rules).handoffs == handoffs


def test_the_reveal_adds_a_tap_after_the_hidden_vote_and_one_after_the_second_vote():
    """The turned-over cards stay on screen until a tap goes on: once after the vote, once for the cards that
    moved; a table voting aloud saw every vote as it was cast and has no reveal."""
    walk = walks_of(case(), "kort")[0]
    hidden, _ = round_work(case(), "kort", walk)
    aloud, _ = round_work(case(), "kort", walk, rules=Rules(open_vote=True))
    hand_offs_of_the_vote = 5 * (6 + 2 * 1.5)
    votes_aloud = 5 * 2 * 1.5
    assert hidden - aloud == pytest.approx(hand_offs_of_the_vote - votes_aloud + REVEAL_TAPS)
    scenario = case(intro_words=2145)  # the long plan's work decides: each decision point has its reveal
    long_walk = walks_of(scenario, "lang")[0]
    long_hidden, _ = round_work(scenario, "lang", long_walk)
    long_aloud, _ = round_work(scenario, "lang", long_walk, rules=Rules(open_vote=True))
    assert long_hidden - long_aloud == pytest.approx(len(long_walk) * (hand_offs_of_the_vote - votes_aloud
                                                                       + REVEAL_TAPS))


def test_fewer_players_read_and_pass_the_screen_less():
    assert estimate(case(), "kort", players=3).handoffs == 6
    work5, _ = round_work(case(), "kort", walks_of(case(), "kort")[0])
    work3, _ = round_work(case(), "kort", walks_of(case(), "kort")[0], players=3)
    assert work5 - work3 == pytest.approx(2 * (21 + 7.5 + 15 + 9))  # roles, taps, talk, hidden vote


def test_timing_json_lists_every_case_and_plan(capsys, tmp_path):
    assert main(["timing", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert {item["plan"] for item in found} == {"kort", "lang"}
    for item in found:
        assert set(item) >= {"case", "plan", "minutes", "handoffs"}
        minutes = item["minutes"]
        assert minutes["shortest"] <= minutes["median"] <= minutes["longest"]
        assert isinstance(item["handoffs"], int)
    short = [item for item in found if item["plan"] == "kort"]
    assert all(item["handoffs"] == 10 for item in short)


def test_timing_text_names_a_case_that_does_not_fit(capsys):
    assert main(["timing", "--plan", "kort", "tests/examples/lint/ROUND_TOO_LONG.yaml"]) == 0
    out = capsys.readouterr().out
    assert "voorbeeld-koffie (nl)" in out and "Kort" in out and "past niet in 15 minuten" in out
    assert "Lang" not in out.split("\n", 2)[2]


def test_timing_of_a_missing_path_or_bad_player_count_is_wrong_use(capsys):
    assert main(["timing", "bestaat/niet.yaml"]) == 2
    with pytest.raises(SystemExit) as stopped:
        main(["timing", "--players", "12"])
    assert stopped.value.code == 2
    assert "kies 2 tot 7" in capsys.readouterr().err
