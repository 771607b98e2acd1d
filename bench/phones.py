"""Phones at the table: how soon a tap shows on the table screen, what phones cost when idle, the page's weight.

Each measurement runs the real game loop (``App.run``) headless in a fresh process, with its phones' server
on the loopback address and the phones as HTTP clients in a thread of that process:

1. Tap to screen: a phone toggles a value card (a PickValues command, logged and committed); the time
   from sending the tap to the end of the first frame drawn with it, against a bare request round trip
   to the same server (``api/spelers``) in the same run.
2. Idle CPU over 10 s on the values screen, five phones connected (each waiting for a change, as the page
   does), against the same screen without phones.
3. Frame time while one phone floods the server with 1,000 requests (refused after the first few), against
   the same frames without the flood.
4. The phone page's weight: the HTML, script and style a phone loads.
"""
from __future__ import annotations

import json

from bench.measure import Figure, summary
from bench.screens import HEADLESS, child

TABLE = """
import json, os, resource, secrets, sys, tempfile, threading, time
from pathlib import Path
os.environ["DILEMMASPEL_PHONES_HOST"] = "127.0.0.1"
import pygame
from game.app import open_library, start_session
from game.engine import AdvancePhase, DrawRole, StartSession
from game.ui import flows
from game.ui.scenes.table import RoundScene
from tests.ui.harness import Table
from tests.phone_client import Phone
WITH_PHONES = {phones}
table = Table(Path(tempfile.mkdtemp()), open_library(), size=(1920, 1080))
app = table.app
stored = start_session(app.library, StartSession(("A", "B", "C", "D", "E"), ("hygiene-normen",), hidden_values=True),
                       folder=table.folder / "sessions")
for player in range(5):
    stored.execute(DrawRole(player))
stored.execute(AdvancePhase())
if WITH_PHONES:
    flows.table(app, stored, with_phones=True)
    phones = [Phone(app.phones.server.address) for _ in range(5)]
    for number, phone in enumerate(phones):
        threading.Thread(target=phone.join, args=(number,)).start()
        while phone.token is None:
            table.step()
app.push(RoundScene(app, stored))
table.step(3)
drawn = []
shown = app.draw
def draw():
    shown()
    drawn.append((time.perf_counter(), stored.state.events))
app.draw = draw
def quit_after(seconds):
    time.sleep(seconds)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
"""
LATENCY = TABLE.format(phones=True) + """
taps, trips = [], []
def tapping():
    try:
        time.sleep(1)
        phone = phones[4]   # the last player: the shared screen shows the first one's pick meanwhile
        for count in range(200):
            key, events = phone.view()["key"], stored.state.events
            values = ["autonomie"] if count % 2 == 0 else ["autonomie", "veiligheid"]
            start = time.perf_counter()
            status, _ = phone.post("api/doe", {"do": "values", "values": values, "key": key,
                                               "request": secrets.token_hex(16)})
            assert status == 200
            while not any(at > start and seen > events for at, seen in drawn):
                time.sleep(0.0005)
            taps.append(next(at for at, seen in drawn if at > start and seen > events) - start)
            start = time.perf_counter()
            phone.request("GET", "api/spelers")
            trips.append(time.perf_counter() - start)
            time.sleep(0.05)
    finally:
        pygame.event.post(pygame.event.Event(pygame.QUIT))
threading.Thread(target=tapping, daemon=True).start()
app.run()
print(json.dumps({"taps": taps, "trips": trips}))
"""
IDLE = """
if WITH_PHONES:
    for phone in phones:   # each phone waits for a change, as the page does
        version = phone.view()["version"]
        threading.Thread(target=phone.request, args=("GET", f"api/stand?sinds={version}"), daemon=True).start()
threading.Thread(target=quit_after, args=(2,), daemon=True).start()
app.run()
app.running = True
app._last_input = 0.0
threading.Thread(target=quit_after, args=(10,), daemon=True).start()
before = resource.getrusage(resource.RUSAGE_SELF)
app.run()
after = resource.getrusage(resource.RUSAGE_SELF)
print(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
"""
FLOOD_CLIENT = """
import http.client, json, sys
host, port, path, token = sys.argv[1:]
connection = http.client.HTTPConnection(host, int(port))
body = json.dumps({"do": "draw", "key": "x", "request": "r" * 20}).encode()
refused = 0
for _ in range(1000):
    connection.request("POST", path + "api/doe", body=body, headers={"Authorization": "Bearer " + token})
    response = connection.getresponse()
    response.read()
    refused += response.status == 429
print(refused)
"""
FLOOD = TABLE.format(phones=True) + """
import subprocess
def frames(count):
    times = []
    for _ in range(count):
        app._dirty = True
        start = time.perf_counter()
        app.step()
        times.append(time.perf_counter() - start)
        time.sleep(max(0.0, 1 / 60 - times[-1]))
    return times
calm = frames(300)
phone = phones[0]   # the flood comes from another device: here another process
flood = subprocess.Popen([sys.executable, "-c", sys.argv[1], phone.host, str(phone.port), phone.base, phone.token],
                         stdout=subprocess.PIPE, text=True)
busy = []
while flood.poll() is None:
    busy += frames(10)
print(json.dumps({"calm": calm, "busy": busy, "refused": int(flood.stdout.read())}))
"""
WEIGHT = TABLE.format(phones=True) + """
print(sum(len(phones[0].request("GET", path)[1]["text"].encode()) for path in ("", "phone.js", "phone.css")))
"""


def run() -> list[Figure]:
    latency = json.loads(child(LATENCY, HEADLESS))
    taps, trips = summary(latency["taps"]), summary(latency["trips"])
    idle_phones = float(child(TABLE.format(phones=True) + IDLE, HEADLESS))
    idle_alone = float(child(TABLE.format(phones=False) + IDLE, HEADLESS))
    flood = json.loads(child(FLOOD, HEADLESS, FLOOD_CLIENT))
    calm, busy = summary(flood["calm"]), summary(flood["busy"])
    weight = int(child(WEIGHT, HEADLESS))
    return [
        Figure("phones: tap to the table screen showing it", "ms", taps[0] * 1000, taps[1] * 1000,
               floor_median=trips[0] * 1000, target="< 100 ms",
               note=f"floor: a bare request round trip to the same server, p99 {trips[1] * 1000:.1f} ms; 200 taps"),
        Figure("phones: idle CPU share of one core, five phones connected (10 s)", "%", idle_phones * 10,
               idle_phones * 10, floor_median=idle_alone * 10, target="within 1 point of floor",
               note=f"floor: the same screen without phones ({idle_alone:.2f} s CPU); ours {idle_phones:.2f} s CPU"),
        Figure("phones: frame time while one phone sends 1,000 requests", "ms", busy[0] * 1000, busy[1] * 1000,
               floor_median=calm[0] * 1000, target="p99 < 16.7 ms (60 fps)",
               note=f"floor: the same frames without the flood (p99 {calm[1] * 1000:.1f} ms); "
                    f"{flood['refused']} of 1000 refused as too many"),
        Figure("phones: page weight (HTML, script, style)", "kB", weight / 1000, weight / 1000, target="< 100 kB"),
    ]
