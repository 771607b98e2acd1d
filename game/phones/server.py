"""The phones' web server: a few pages and JSON answers, served by the game itself in a thread beside the loop.

Starlette answers the requests and uvicorn serves them, on the address of the network the laptop is on
(``DILEMMASPEL_PHONES_HOST`` pins it; tests use the loopback address). Every path starts with the table's
token; a player's requests carry the token they got when they joined. The server holds no rules and
no state of the game: it asks the hub. It logs nothing of what is sent, refuses what is too large,
malformed, replayed, for another player or table, or too frequent, with a plain message.
"""
from __future__ import annotations

import asyncio
import functools
import html
import json
import os
import re
import socket
import threading
import time
from importlib import resources

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from game.i18n import _
from game.phones.hub import PhoneHub
from game.phones.tasks import PhoneViews, Refused

HOST_VARIABLE = "DILEMMASPEL_PHONES_HOST"
MAX_BODY = 4096               # bytes: the largest action is a handful of value ids
POLL_SECONDS = 20             # a phone's question 'what changed?' is answered at the latest after this
ACK_SECONDS = 10              # how long a phone waits for the loop to carry out its action
RATE, BURST = 8.0, 30         # requests a second per phone (its address and token), and the burst allowed
ADDRESS_RATE, ADDRESS_BURST = 40.0, 80  # per address whatever token it sends: made-up tokens buy no extra requests
REQUEST_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
PAGES = {"phone.js": "text/javascript; charset=utf-8", "phone.css": "text/css; charset=utf-8"}
PAGE_TEXTS = ("title", "pick_name", "joined_other", "connecting", "offline", "received", "sending", "draw",
              "your_role", "values_done", "vote_pass", "keep_choice", "choice_now")
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                                 b"img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


# Where a route is looked up (a UDP 'connect' sends nothing): the default route, then the usual hotspot
# networks of Linux (NetworkManager), Windows, Android and iPhone, for a laptop without a default route.
ROUTE_PROBES = ("10.254.254.254", "10.42.0.1", "192.168.137.1", "192.168.43.1", "172.20.10.1")


def lan_address() -> str:
    """The laptop's address on the network the phones use: the pinned one, the address of the interface a
    route leads out of (found without sending anything), or another of this computer's addresses;
    loopback when there is none."""
    pinned = os.environ.get(HOST_VARIABLE)
    if pinned:
        return pinned
    for target in ROUTE_PROBES:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                probe.connect((target, 9))
                address = probe.getsockname()[0]
            except OSError:
                continue
        if not address.startswith("127."):
            return address
    try:
        found = socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        found = []
    return next((a for a in found if not a.startswith("127.")), "127.0.0.1")


class _Bucket:
    """A token bucket: ``rate`` requests a second on average, ``burst`` at once."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens, self.at = float(burst), time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class _Guard:
    """Around every answer: too many requests from one phone are refused, and every answer carries the
    security headers (a Content-Security-Policy that allows only the game's own script and style)."""

    def __init__(self, app, hub: PhoneHub) -> None:
        self.app, self.hub = app, hub
        self.buckets: dict[tuple, _Bucket] = {}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def secured(message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message, headers=list(message.get("headers", [])) + SECURITY_HEADERS)
            await send(message)

        if not self._allowed(scope):
            response = _refusal(Refused("TOO_MANY", 429), self.hub.state.lang)
            return await response(scope, receive, secured)
        await self.app(scope, receive, secured)

    def _allowed(self, scope) -> bool:
        """Within the address's rate and the phone's (address and token) rate."""
        address = (scope.get("client") or ("?", 0))[0]
        token = dict(scope.get("headers", [])).get(b"authorization", b"")[:80]
        if len(self.buckets) > 1000:  # forget the quiet ones; a flood of new keys cannot grow this without end
            self.buckets = {key: b for key, b in self.buckets.items() if b.tokens < b.burst}
        by_address = self.buckets.setdefault((address,), _Bucket(ADDRESS_RATE, ADDRESS_BURST))
        by_phone = self.buckets.setdefault((address, token), _Bucket(RATE, BURST))
        return by_address.take() and by_phone.take()


def _refusal(refused: Refused, lang: str) -> JSONResponse:
    return JSONResponse({"ok": False, "code": refused.code, "message": refused.message(lang)}, refused.status)


def _answered(handler):
    """The handler's answer, or the plain refusal it raised (in the table's language)."""
    @functools.wraps(handler)
    async def answer(self: "PhoneServer", request: Request) -> Response:
        try:
            return await handler(self, request)
        except Refused as refused:
            return _refusal(refused, self.hub.state.lang)
    return answer


def _page_text(name: str) -> str:
    return resources.files("game.phones").joinpath("page", name).read_text(encoding="utf-8")


class PhoneServer:
    """The server of one table's phones, started and stopped with the session that uses them."""

    def __init__(self, hub: PhoneHub, views: PhoneViews) -> None:
        self.hub, self.views = hub, views
        self.host = lan_address()
        self.port = hub.table_pass.port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._changed: asyncio.Event | None = None
        self._pages = {name: _page_text(name) for name in (*PAGES, "index.html")}
        hub.listen(self._on_change)

    @property
    def address(self) -> str:
        """The table's link, as the QR code and the screen show it."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/t/{self.hub.table_pass.table}/"

    # start and stop -------------------------------------------------------------------------------
    def start(self) -> None:
        """Serve in a thread of its own; the port of an earlier run of this session when it is free, so the
        phones' links still work after a restart."""
        sock = self._bind()
        self.port = sock.getsockname()[1]
        self.hub.table_pass.set_port(self.port)
        config = uvicorn.Config(self.app(), log_level="warning", access_log=False, lifespan="off",
                                server_header=False, date_header=False, limit_concurrency=64,
                                timeout_keep_alive=5, h11_max_incomplete_event_size=16 * 1024,
                                timeout_graceful_shutdown=2)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name="telefoons", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)

    def _bind(self) -> socket.socket:
        """A listening socket on this session's earlier port, or on a new one when that is taken (or there was none)."""
        try:
            return self._listen(self.port)
        except OSError:
            if not self.port:
                raise
            return self._listen(0)

    def _listen(self, port: int) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)  # asyncio sets TCP_NODELAY then
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, port))
            sock.listen(64)
        except OSError:
            sock.close()
            raise
        return sock

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = self._thread = None

    # the pages ------------------------------------------------------------------------------------
    def app(self) -> _Guard:
        base = "/t/{table}"
        routes = [Route(base + "/", self._index), Route(base + "/{name:str}", self._file),
                  Route(base + "/api/spelers", self._players), Route(base + "/api/aanmelden", self._join,
                                                                      methods=["POST"]),
                  Route(base + "/api/stand", self._view), Route(base + "/api/doe", self._act, methods=["POST"])]
        handlers = {404: self._not_found, 405: self._not_found}
        return _Guard(Starlette(routes=routes, exception_handlers=handlers), self.hub)

    async def _not_found(self, request: Request, exc) -> Response:
        return _refusal(Refused("NOT_FOUND", 404), self.hub.state.lang)

    def _table(self, request: Request) -> None:
        token = request.path_params["table"]
        if not TOKEN.match(token) or not self.hub.table_pass.is_table(token):
            raise Refused("NOT_FOUND", 404)

    def _player(self, request: Request) -> int:
        """The player whose token the request carries, at this table."""
        self._table(request)
        scheme, _space, token = request.headers.get("authorization", "").partition(" ")
        player = self.hub.player_of(token) if scheme == "Bearer" and TOKEN.match(token) else None
        if player is None:
            raise Refused("NOT_JOINED", 401)
        self.hub.reached = True
        return player

    @_answered
    async def _index(self, request: Request) -> Response:
        self._table(request)
        self.hub.reached = True
        lang = self.hub.state.lang
        texts = {key: _(f"phones.page.{key}", lang) for key in PAGE_TEXTS}
        data = json.dumps(texts, ensure_ascii=False).replace("<", "\\u003c").replace("&", "\\u0026")
        page = self._pages["index.html"].replace("{lang}", html.escape(lang))
        page = page.replace("{title}", html.escape(_("phones.page.title", lang)))
        return Response(page.replace("{texts}", data), media_type="text/html; charset=utf-8")

    @_answered
    async def _file(self, request: Request) -> Response:
        self._table(request)
        name = request.path_params["name"]
        if name not in PAGES:
            raise Refused("NOT_FOUND", 404)
        return Response(self._pages[name], media_type=PAGES[name])

    @_answered
    async def _players(self, request: Request) -> Response:
        self._table(request)
        state, joined = self.hub.state, self.hub.joined()
        names = [{"player": p, "name": self.views.name(state, p), "joined": p in joined}
                 for p in range(len(state.players))]
        return JSONResponse({"players": names})

    @_answered
    async def _join(self, request: Request) -> Response:
        self._table(request)
        player = (await _json_body(request)).get("player")
        if not isinstance(player, int) or isinstance(player, bool):
            raise Refused("MALFORMED", 400)
        return JSONResponse({"ok": True, "token": self.hub.join(player)})

    @_answered
    async def _view(self, request: Request) -> Response:
        """What the phone shows; with ``sinds`` (the version it shows), only once something changed."""
        self._player(request)
        since = request.query_params.get("sinds", "")
        if since.isdigit() and len(since) < 12 and int(since) >= self.hub.version:
            await self._wait_for_change()
        player = self._player(request)  # the table may have freed this player meanwhile
        return JSONResponse({"version": self.hub.version, **self.views.view(self.hub.state, player)})

    @_answered
    async def _act(self, request: Request) -> Response:
        """A tap: queued for the loop, answered once the loop carried it out and the log holds it."""
        player = self._player(request)
        action = await _json_body(request)
        request_id = action.get("request")
        if not isinstance(request_id, str) or not REQUEST_ID.match(request_id):
            raise Refused("MALFORMED", 400)
        answer = self.hub.submit(player, action, request_id)
        try:
            refused = await asyncio.wait_for(asyncio.wrap_future(answer), ACK_SECONDS)
        except asyncio.TimeoutError:
            raise Refused("BUSY", 503) from None
        if refused is not None:
            raise refused
        return JSONResponse({"ok": True, "message": _("phones.page.received", self.hub.state.lang)})

    # phones waiting for a change ------------------------------------------------------------------
    async def _wait_for_change(self) -> None:
        if self._loop is None:
            self._loop, self._changed = asyncio.get_running_loop(), asyncio.Event()
        changed = self._changed
        try:
            await asyncio.wait_for(changed.wait(), POLL_SECONDS)
        except asyncio.TimeoutError:
            pass

    def _on_change(self) -> None:
        """From any thread: wake the phones that wait, in the server's own loop."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake_waiting)

    def _wake_waiting(self) -> None:
        woken, self._changed = self._changed, asyncio.Event()
        woken.set()



async def _json_body(request: Request) -> dict:
    """The request's JSON object; too large or not a JSON object is refused before anything happens."""
    length = request.headers.get("content-length", "")
    if length and (not length.isdigit() or int(length) > MAX_BODY):
        raise Refused("TOO_LARGE", 413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise Refused("TOO_LARGE", 413)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        raise Refused("MALFORMED", 400) from None
    if not isinstance(data, dict):
        raise Refused("MALFORMED", 400)
    return data
