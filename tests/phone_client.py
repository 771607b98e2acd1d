"""A phone for the tests: the same requests the phones' page makes, over real HTTP to the loopback address."""
from __future__ import annotations

import http.client
import json
import secrets
import threading
from urllib.parse import urlsplit


class Phone:
    def __init__(self, address: str, token: str | None = None) -> None:
        parts = urlsplit(address)
        self.host, self.port, self.base = parts.hostname, parts.port, parts.path
        self.token = token

    def request(self, method: str, path: str, body: bytes | None = None, token: str | None = None,
                headers: dict | None = None, timeout: float = 30) -> tuple[int, dict, dict]:
        """(status, JSON answer, headers); ``path`` relative to the table's link."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        sent = dict(headers or {})
        token = self.token if token is None else token
        if token:
            sent["Authorization"] = f"Bearer {token}"
        if body is not None:
            sent.setdefault("Content-Type", "application/json")
        try:
            connection.request(method, self.base + path, body=body, headers=sent)
            response = connection.getresponse()
            raw = response.read()
            kind = response.getheader("content-type", "")
            data = json.loads(raw) if kind.startswith("application/json") else {"text": raw.decode("utf-8")}
            return response.status, data, dict(response.getheaders())
        finally:
            connection.close()

    def post(self, path: str, data: object, **options) -> tuple[int, dict]:
        status, answer, _headers = self.request("POST", path, json.dumps(data).encode(), **options)
        return status, answer

    def join(self, player: int) -> int:
        status, answer = self.post("api/aanmelden", {"player": player})
        if status == 200:
            self.token = answer["token"]
        return status

    def view(self) -> dict:
        status, answer, _headers = self.request("GET", "api/stand")
        assert status == 200, answer
        return answer

    def act(self, do: str, **fields) -> tuple[int, dict]:
        """What a tap does: the action, for the step the phone shows, with a fresh request id."""
        action = {"do": do, "key": self.view()["key"], "request": secrets.token_hex(16), **fields}
        return self.post("api/doe", action)


def while_looping(table, work):
    """Run ``work`` (a phone's requests) in a thread while the table's loop turns, as on the laptop; its result."""
    result: dict = {}

    def run() -> None:
        try:
            result["value"] = work()
        except BaseException as error:  # re-raised in the test's thread
            result["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    while thread.is_alive():
        table.step()
        thread.join(0.002)
    if "error" in result:
        raise result["error"]
    return result["value"]
