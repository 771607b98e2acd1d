"""Phones at the table: the private steps on five phones give the log the shared screen alone gives."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.app import start_session
from game.engine import StartSession
from game.engine import events as ev
from game.engine.state import FIRST
from game.cards import role_card
from game.i18n import _, n_
from game.phones.tokens import pass_file
from game.store.log import SessionLog
from game.ui import flows
from game.ui.scenes.phones import PhoneJoinScene
from game.ui.scenes.table import RoundScene
from tests.phone_browser import Browser, PhonePage, chromium
from tests.phone_client import Phone, while_looping
from tests.ui.harness import Table
from tests.ui.play import Player

NAMES = ("Anna", "Bert", "Cor", "Dina", "<b>Eef</b>")
VALUES = ("autonomie", "veiligheid")
NOTES = ("Wie belt de familie?",)


def new_session(t: Table, **options):
    command = StartSession(NAMES, ("hygiene-normen",), seed=11, hidden_values=True, **options)
    return start_session(t.app.library, command, folder=t.folder / "sessions")


def facts(stored) -> list[tuple[str, dict]]:
    """The log without its moments and the session's id: what the table did, in order."""
    found = []
    for event in stored.log.events():
        kind, _at, payload = ev.to_record(event)
        payload.pop("session_id", None)
        found.append((kind, payload))
    return found


def with_phones(t: Table) -> tuple:
    stored = new_session(t)
    flows.table(t.app, stored, with_phones=True)
    assert isinstance(t.app.scene, PhoneJoinScene)
    phones = [Phone(t.app.phones.server.address) for _name in NAMES]
    while_looping(t, lambda: [phone.join(n) for n, phone in enumerate(phones)])
    t.step(2)
    return stored, phones


def played_alone(folder: Path, library):
    """The short round played on the shared screen alone: the log the phones' round must equal."""
    alone = Table(folder, library)
    shared = new_session(alone)
    alone.app.push(RoundScene(alone.app, shared))
    p = Player(alone)
    p.draw_roles()
    p.share_values(VALUES)
    p.vote_and_read(second=True)
    p.change_mind(0, 2)
    p.act(_("ui.reconsider.done_short"))
    p.moves_seen(_("ui.reconsider.done_short"))
    p.record(VALUES, NOTES)
    p.act(_("ui.ending.finish"))
    return shared


def test_a_short_round_with_the_private_steps_on_five_phones_logs_what_the_shared_screen_logs(tmp_path, library):
    shared = played_alone(tmp_path / "alone", library)
    t = Table(tmp_path / "phones", library)
    stored, phones = with_phones(t)
    assert all(t.has(name) for name in NAMES)
    p = Player(t)
    p.act(_("phones.join.start"))
    p.act(_("ui.draw.start"))
    for phone in phones:
        assert while_looping(t, lambda: phone.act("draw"))[0] == 200
    assert phones[0].view()["role"]["brief"], "the role's brief stays on the phone"
    p.act(_("ui.draw.next"))
    for phone in phones:
        for count in (1, 2):
            assert while_looping(t, lambda: phone.act("values", values=list(VALUES[:count])))[0] == 200
        assert while_looping(t, lambda: phone.act("values_done"))[0] == 200
    p.act(_("ui.share.next"))
    first, second = stored.session.case().decisions[stored.state.current.node].option_ids()[:2]
    p.act(_("ui.vote.start"))
    for number, phone in enumerate(phones):
        assert t.has(_("ui.vote.show_now")) and number < 5
        assert while_looping(t, lambda: phone.act("vote", option=first))[0] == 200
    assert stored.state.current.phase == "explore"
    p.act(_("ui.reveal.to_options"))                 # every card turned over at once, as without phones
    p.option(1)
    p.act(_("ui.explore.back"))
    p.option(2)
    p.act(_("ui.explore.back"))
    p.act(_("ui.explore.reconsider"))
    assert while_looping(t, lambda: phones[0].act("vote", option=second))[0] == 200
    p.act(_("ui.reconsider.done_short"))
    p.moves_seen(_("ui.reconsider.done_short"))
    p.record(VALUES, NOTES)
    p.act(_("ui.ending.finish"))
    assert stored.state.finished and not t.app.phones
    assert facts(stored) == facts(shared)


def _table_process(folder: Path, mode: str) -> tuple[subprocess.Popen, dict]:
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen([sys.executable, "-m", "tests.ui.phones_child", str(folder), mode], cwd=root,
                             stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(root), "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
    return child, json.loads(child.stdout.readline())


def _kill(child: subprocess.Popen) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait()


def test_the_laptop_killed_mid_vote_loses_no_acknowledged_vote_and_the_phones_rejoin_with_their_link(tmp_path):
    child, shown = _table_process(tmp_path, "start")
    try:
        phones = [Phone(shown["address"]) for _name in NAMES]
        assert [phone.join(n) for n, phone in enumerate(phones)] == [200] * 5
        first = phones[0].view()["options"][0]["id"]
        for phone in phones[:3]:
            assert phone.act("vote", option=first)[0] == 200
    finally:
        _kill(child)
    child, again = _table_process(tmp_path, "resume")
    try:
        assert again["address"] == shown["address"]          # the same link, the same port
        assert [phone.view()["task"] for phone in phones] == ["wait"] * 3 + ["vote"] * 2
        for phone in phones[3:]:
            assert phone.act("vote", option=first)[0] == 200
        assert all(phone.view()["task"] == "wait" for phone in phones)
    finally:
        _kill(child)
    [path] = (tmp_path / "sessions").glob("*.dilemma.db")
    log = SessionLog.open(path, read_only=True)
    state = log.state()
    log.close()
    assert state.current.phase == "explore"
    assert state.current.votes_at(FIRST) == {player: first for player in range(5)}


@pytest.mark.skipif(chromium() is None, reason="Chromium is not installed (.ci/run installs it)")
def test_five_phones_in_a_browser_play_a_short_round_reload_and_drop_out_and_the_log_is_the_shared_screen_s(
        tmp_path, library):
    alone = played_alone(tmp_path / "alone", library)
    t = Table(tmp_path / "phones", library)
    stored = new_session(t)
    flows.table(t.app, stored, with_phones=True)
    address = t.app.phones.server.address
    browser = Browser()
    try:
        phones = browser.run(t, lambda b: [PhonePage(b, address) for _name in NAMES])
        for name, phone in zip(NAMES, phones):
            browser.run(t, lambda b: (phone.button(name).tap(), phone.button(_("phones.page.draw")).wait_for()))
        t.step(2)
        assert all(_("phones.join.joined") in t.screen_text() for _name in NAMES)
        p = Player(t)
        p.act(_("phones.join.start"))
        p.act(_("ui.draw.start"))
        for phone in phones:
            browser.run(t, lambda b: phone.tap(_("phones.page.draw")))
        role = role_card(library, stored.state.current.roles[0], "nl").name
        assert browser.run(t, lambda b: phones[0].page.get_by_text(role).count()) >= 1
        p.act(_("ui.draw.next"))
        labels = [p._value_label(value) for value in VALUES]
        for phone in phones:
            for label in labels:
                browser.run(t, lambda b: (phone.tap(label), phone.page.locator(
                    "button[aria-pressed=true]", has_text=label).wait_for()))
            browser.run(t, lambda b: phone.tap(_("phones.page.values_done")))
        p.act(_("ui.share.next"))
        p.act(_("ui.vote.start"))
        decision = stored.session.case().decisions[stored.state.current.node]
        first, second = (f"{n}. {option.text}" for n, option in enumerate(decision.options[:2], 1))
        browser.run(t, lambda b: phones[1].context.set_offline(True))   # Bert's phone drops out...
        dropped = time.monotonic()
        browser.run(t, lambda b: phones[0].tap(first))
        assert n_("phones.table.progress.vote", 1, total=5) in t.screen_text()
        while time.monotonic() - dropped < 30:
            t.step()
            time.sleep(0.02)
        browser.run(t, lambda b: (phones[1].context.set_offline(False), phones[1].button(first).wait_for(),
                                  phones[1].tap(first)))                # ...and is back after 30 seconds
        browser.run(t, lambda b: (phones[2].page.reload(), phones[2].tap(first)))  # Cor's page reloads first
        for phone in phones[3:]:
            browser.run(t, lambda b: phone.tap(first))
        assert stored.state.current.phase == "explore"
        p.act(_("ui.reveal.to_options"))
        p.option(1)
        p.act(_("ui.explore.back"))
        p.option(2)
        p.act(_("ui.explore.back"))
        p.act(_("ui.explore.reconsider"))
        browser.run(t, lambda b: phones[0].tap(second))
        p.act(_("ui.reconsider.done_short"))
        p.moves_seen(_("ui.reconsider.done_short"))
        p.record(VALUES, NOTES)
        p.act(_("ui.ending.finish"))
        browser.run(None, lambda b: phones[3].page.get_by_text(_("phones.view.finished")).wait_for())
        browser.run(None, lambda b: [phone.context.close() for phone in phones])
    finally:
        browser.close()
    assert facts(stored) == facts(alone)


def test_the_set_up_offers_phones_shows_the_code_and_goes_on_without_them_when_none_reaches_the_laptop(
        tmp_path, library):
    t = Table(tmp_path, library)
    p = Player(t)
    p.act(_("ui.start.play"))
    p.act(_("ui.next"))
    p.act(_("ui.next"))
    p.act(_("phones.setup.toggle"))
    p.act(_("ui.next"))
    p.act(_("ui.setup.start"))
    assert isinstance(t.app.scene, PhoneJoinScene)
    address = t.app.phones.server.address
    assert address in t.screen_text() and address.startswith("http://127.0.0.1:")
    assert Phone(address).request("GET", "api/spelers")[0] == 200
    assert _("phones.join.unreachable") not in t.screen_text()
    t.app.phones.started -= 61                     # a minute in which no phone reached the laptop
    t.step(2)
    assert _("phones.join.unreachable") in t.screen_text()
    stored = t.app.scene.stored
    p.act(_("phones.join.without"))
    assert isinstance(t.app.scene, RoundScene) and t.app.phones is None
    assert not pass_file(stored.path).exists()     # resumed later, the session plays on the shared screen
    with pytest.raises(OSError):
        Phone(address).request("GET", "api/spelers", timeout=5)
    assert t.has(_("ui.draw.start"))


def test_players_without_a_phone_take_their_turns_on_the_shared_screen_in_the_same_round(tmp_path, library):
    t = Table(tmp_path, library)
    stored = new_session(t)
    flows.table(t.app, stored, with_phones=True)
    anna, cor = Phone(t.app.phones.server.address), Phone(t.app.phones.server.address)
    assert while_looping(t, lambda: (anna.join(0), cor.join(2))) == (200, 200)
    p = Player(t)
    p.act(_("phones.join.start"))
    p.act(_("ui.draw.start"))
    assert "Bert" in t.screen_text()              # the envelope skips Anna: she draws on her phone
    assert while_looping(t, lambda: anna.act("draw"))[0] == 200
    for name in ("Bert", "Dina", "&lt;b&gt;Eef&lt;/b&gt;"):   # escaped on the screen, as every name
        assert name in t.screen_text()
        p.act(_("ui.draw.draw"))
        p.act(t.forward())
    assert _("phones.table.waiting") in t.screen_text() and "Cor" in t.screen_text()
    assert n_("phones.table.progress.draw", 4, total=5) in t.screen_text()
    assert while_looping(t, lambda: cor.act("draw"))[0] == 200
    assert all(stored.state.current.roles)
    assert t.has(_("ui.draw.next"))
    status, answer = while_looping(t, lambda: cor.act("draw"))
    assert status == 409 and answer["code"] == "NOT_NOW"   # a tap that no longer fits changes nothing


def test_a_player_whose_phone_is_gone_is_freed_from_the_waiting_screen_and_votes_on_the_shared_screen(
        tmp_path, library):
    t = Table(tmp_path, library)
    stored, phones = with_phones(t)
    p = Player(t)
    p.act(_("phones.join.start"))
    p.act(_("ui.draw.start"))
    for phone in phones:
        assert while_looping(t, lambda: phone.act("draw"))[0] == 200
    p.act(_("ui.draw.next"))
    for phone in phones:
        while_looping(t, lambda: (phone.act("values", values=["autonomie"]), phone.act("values_done")))
    p.act(_("ui.share.next"))
    p.act(_("ui.vote.start"))
    for phone in phones[:4]:
        assert while_looping(t, lambda: phone.act("vote", option=None))[0] == 200
    assert n_("phones.table.progress.vote", 4, total=5) in t.screen_text()
    p.act(_("phones.table.phones"))                 # Eef's phone has gone flat
    assert isinstance(t.app.scene, PhoneJoinScene)
    p.act("Eef")
    p.act(_("phones.join.back_to_round"))
    assert phones[4].request("GET", "api/stand")[0] == 401
    p.act(t.forward())                              # "Ik ben Eef": her vote on the shared screen
    p.option(1)
    assert stored.state.current.phase == "explore"
