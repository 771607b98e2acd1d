"""Phones in a real browser: the system's Chromium, driven by Playwright in a thread of its own while the
test's thread turns the table's loop (a tap on a phone waits for that loop, as on the laptop)."""
from __future__ import annotations

import queue
import shutil
import threading
import time
from concurrent.futures import Future

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Browser:
    """One Chromium; ``run(table, work)`` runs ``work(browser)`` in the browser's thread while the table turns."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        started: Future = Future()
        self._thread = threading.Thread(target=self._serve, args=(started,), daemon=True)
        self._thread.start()
        started.result(timeout=120)

    def _serve(self, started: Future) -> None:
        from playwright.sync_api import sync_playwright
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium(), args=FLAGS)
                started.set_result(True)
                while (job := self._jobs.get()) is not None:
                    work, done = job
                    try:
                        done.set_result(work(browser))
                    except BaseException as error:
                        done.set_exception(error)
                browser.close()
        except BaseException as error:
            if not started.done():
                started.set_exception(error)

    def run(self, table, work):
        done: Future = Future()
        self._jobs.put((work, done))
        while not done.done():
            if table is not None:
                table.step()
            time.sleep(0.002)
        return done.result()

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=60)


class PhonePage:
    """One player's phone: a browser context of its own (its own storage), a phone-sized page."""

    def __init__(self, browser, address: str) -> None:
        self.context = browser.new_context(**PHONE)
        self.page = self.context.new_page()
        self.page.goto(address)

    def tap(self, name: str) -> None:
        """Tap the button named ``name`` and wait for the table's 'ontvangen'."""
        self.page.evaluate("document.getElementById('status').textContent = ''")
        self.page.get_by_role("button", name=name, exact=True).tap()
        self.page.locator("#status.ok").wait_for(timeout=20_000)

    def button(self, name: str):
        return self.page.get_by_role("button", name=name, exact=True)
