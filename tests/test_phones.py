"""The phones' server as a hostile phone meets it: real HTTP on the loopback address, a real session file.

Every refused request leaves the session as it was: the log has the same events afterwards.
"""
from __future__ import annotations

import http.client
import json
import logging
import secrets
import threading
import time
from types import SimpleNamespace

import pytest

from game.app import open_library, start_session
from game.engine import StartSession
from game.phones.server import lan_address
from game.phones.tokens import pass_file
from game.ui.phones import PhoneTable
from tests.phone_client import Phone

NAMES = ("Anna", "<b>Bert</b>", "Cor")


class Laptop:
    """A table session with phones and a loop that carries out their actions, as the game's loop does (the loop's
    thread owns the session file, as the game's main thread does)."""

    def __init__(self, folder, library, **options) -> None:
        self.command = StartSession(NAMES, ("hygiene-normen",), seed=3, hidden_values=True, **options)
        self.folder, self.library = folder, library
        self.woken = threading.Event()
        self.ready = threading.Event()
        self.running = True
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()
        assert self.ready.wait(30)

    def _loop(self) -> None:
        self.stored = start_session(self.library, self.command, folder=self.folder)
        self.phones = PhoneTable(SimpleNamespace(library=self.library, wake=self.woken.set), self.stored)
        self.ready.set()
        while self.running:
            self.woken.wait(0.05)
            self.woken.clear()
            self.phones.turn(time.time())
        self.phones.stop()
        self.stored.close()

    @property
    def address(self) -> str:
        return self.phones.server.address

    def events(self) -> int:
        """How many events the session holds (each committed to its log before it counts)."""
        return self.stored.state.events

    def close(self) -> None:
        self.running = False
        self.woken.set()
        self.thread.join()


@pytest.fixture(scope="module")
def library():
    return open_library()


@pytest.fixture
def laptop(tmp_path, library):
    table = Laptop(tmp_path, library)
    yield table
    table.close()


def joined(laptop: Laptop, player: int) -> Phone:
    phone = Phone(laptop.address)
    assert phone.join(player) == 200
    return phone


def test_a_phone_joins_draws_its_role_and_reads_its_brief_only_for_itself(laptop):
    anna = joined(laptop, 0)
    assert anna.view()["task"] == "draw"
    status, answer = anna.act("draw")
    assert (status, answer["message"]) == (200, "Ontvangen")
    role = laptop.stored.state.current.roles[0]
    assert role and anna.view()["role"]["name"]
    assert laptop.stored.state.current.roles[1:] == (None, None)
    bert = joined(laptop, 1)
    assert bert.view()["role"] is None and bert.view()["name"] == "<b>Bert</b>"


def test_the_page_is_small_served_by_the_game_with_a_content_security_policy(laptop):
    phone = Phone(laptop.address)
    total = 0
    for path in ("", "phone.js", "phone.css"):
        status, answer, headers = phone.request("GET", path)
        assert status == 200
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert "http" not in answer["text"].replace(laptop.address, "")  # nothing from elsewhere
        total += len(answer["text"].encode())
    assert total < 100_000
    assert "<b>Bert</b>" not in phone.request("GET", "")[1]["text"]  # names reach the page as data, never as HTML


def test_a_table_playing_in_english_gets_the_phone_pages_in_english(tmp_path, library):
    table = Laptop(tmp_path, library, lang="en")
    try:
        phone = Phone(table.address)
        page = phone.request("GET", "")[1]["text"]
        assert 'lang="en"' in page and "Tap your name" in page
        assert phone.join(0) == 200 and phone.view()["text"].startswith("Draw a role")
        status, answer = phone.post("api/doe", {"do": "draw", "key": "-", "request": secrets.token_hex(16)})
        assert status == 409 and answer["message"].startswith("The game has moved on")
    finally:
        table.close()


def test_wrong_missing_and_guessed_tokens_are_refused(laptop):
    before = laptop.events()
    anna = joined(laptop, 0)
    other_table = Phone(laptop.address.replace(laptop.phones.hub.table_pass.table, secrets.token_urlsafe(24)))
    assert other_table.request("GET", "")[0] == 404
    assert other_table.request("GET", "api/spelers")[0] == 404
    assert other_table.post("api/aanmelden", {"player": 1})[0] == 404
    action = {"do": "draw", "key": anna.view()["key"], "request": secrets.token_hex(16)}
    assert other_table.post("api/doe", action, token=anna.token)[0] == 404
    for token in ("", "x", secrets.token_urlsafe(24), anna.token[:-2] + "AA"):
        phone = Phone(laptop.address, token)
        assert phone.request("GET", "api/stand")[0] == 401
        status, answer = phone.post("api/doe", action)
        assert status == 401 and answer["message"]
    assert laptop.events() == before


def test_a_phone_acts_only_for_its_own_player_and_only_in_the_step_that_allows_it(laptop):
    anna = joined(laptop, 0)
    before = laptop.events()
    key = anna.view()["key"]
    for action in ({"do": "draw", "player": 1}, {"do": "vote", "option": "a"}, {"do": "values", "values": ["autonomie"]},
                   {"do": "dance"}):
        status, answer = anna.post("api/doe", {"key": key, "request": secrets.token_hex(16), **action})
        assert status in (400, 409) and answer["message"], action
    status, answer = anna.post("api/doe", {"do": "draw", "key": "1:vote:0:vote", "request": secrets.token_hex(16)})
    assert (status, answer["code"]) == (409, "STALE")
    assert laptop.events() == before


def test_a_replayed_request_is_refused_and_changes_nothing(laptop):
    anna = joined(laptop, 0)
    action = {"do": "draw", "key": anna.view()["key"], "request": secrets.token_hex(16)}
    assert anna.post("api/doe", action)[0] == 200
    after = laptop.events()
    status, answer = anna.post("api/doe", action)
    assert (status, answer["code"]) == (409, "REPLAYED")
    assert laptop.events() == after


def test_malformed_and_oversized_bodies_are_refused(laptop):
    anna = joined(laptop, 0)
    before = laptop.events()
    for body in (b"{", b"[1, 2]", b"\xff\xfe", b'"draw"', b"{" * 5000):
        status, answer, _headers = anna.request("POST", "api/doe", body)
        assert status in (400, 413) and answer["message"], body[:10]
    assert _send_large(anna, 10 * 1024 * 1024) in (413, None)
    assert anna.post("api/aanmelden", {"player": "0"})[0] == 400
    assert anna.post("api/aanmelden", {"player": 7})[0] == 404
    assert laptop.events() == before
    assert anna.act("draw")[0] == 200  # and the phone still plays


def _send_large(phone: Phone, size: int) -> int | None:
    """A body of ``size`` bytes sent in pieces; the status, or None when the server closed the connection first."""
    connection = http.client.HTTPConnection(phone.host, phone.port, timeout=30)
    try:
        connection.putrequest("POST", phone.base + "api/doe")
        connection.putheader("Authorization", f"Bearer {phone.token}")
        connection.putheader("Content-Length", str(size))
        connection.endheaders()
        piece = b" " * 65536
        for _ in range(size // len(piece)):
            connection.send(piece)
        return connection.getresponse().status
    except (ConnectionError, http.client.HTTPException, OSError):
        return None
    finally:
        connection.close()


def test_two_phones_claiming_the_same_player_the_second_is_refused_until_the_table_frees_the_place(laptop):
    first = joined(laptop, 0)
    second = Phone(laptop.address)
    status, answer = second.post("api/aanmelden", {"player": 0})
    assert (status, answer["code"]) == (409, "TAKEN")
    players = second.request("GET", "api/spelers")[1]["players"]
    assert [p["joined"] for p in players] == [True, False, False]
    laptop.phones.hub.release(0)
    assert first.request("GET", "api/stand")[0] == 401
    assert second.join(0) == 200 and second.view()["task"] == "draw"


def test_a_flood_from_one_phone_is_refused_and_the_session_is_unchanged(laptop):
    anna = joined(laptop, 0)
    before = laptop.events()
    statuses = []
    connection = http.client.HTTPConnection(anna.host, anna.port, timeout=30)
    body = json.dumps({"do": "vote", "option": None, "key": "x", "request": "r" * 20}).encode()
    for _ in range(1000):
        connection.request("POST", anna.base + "api/doe", body=body, headers={"Authorization": f"Bearer {anna.token}"})
        response = connection.getresponse()
        response.read()
        statuses.append(response.status)
    connection.close()
    assert 429 in statuses and 200 not in statuses    # refused for the rate, never carried out
    assert laptop.events() == before
    time.sleep(1)
    assert anna.act("draw")[0] == 200


def test_another_table_s_tokens_open_nothing_here(tmp_path, library, laptop):
    other = Laptop(tmp_path / "other", library)
    try:
        stranger = joined(other, 0)
        here = Phone(laptop.address, stranger.token)
        assert here.request("GET", "api/stand")[0] == 401
        there = Phone(other.address.replace(other.phones.hub.table_pass.table, laptop.phones.hub.table_pass.table))
        assert there.request("GET", "api/spelers")[0] == 404
    finally:
        other.close()


def test_the_server_logs_nothing_of_what_phones_send(laptop, caplog):
    with caplog.at_level(logging.DEBUG):
        anna = joined(laptop, 0)
        anna.act("draw")
        anna.request("POST", "api/doe", b"{broken")
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert anna.token not in logged and laptop.phones.hub.table_pass.table not in logged and "Anna" not in logged


def test_the_pass_is_kept_beside_the_session_with_hashes_only(laptop):
    anna = joined(laptop, 0)
    kept = pass_file(laptop.stored.path).read_text()
    assert anna.token not in kept and laptop.phones.hub.table_pass.table in kept
    assert pass_file(laptop.stored.path).stat().st_mode & 0o077 == 0


def test_in_the_tests_the_server_is_only_ever_on_the_loopback_address(laptop):
    assert lan_address() == "127.0.0.1" and laptop.address.startswith("http://127.0.0.1:")
