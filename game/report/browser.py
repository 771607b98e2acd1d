"""A headless Chromium from the system, for printing HTML to PDF and taking screenshots.

Nothing is downloaded: the browser must already be installed (Debian: ``chromium``).
It runs with a throw-away profile and with its background network features switched
off; the pages it opens are local files.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
QUIET_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
    "--disable-default-apps", "--no-default-browser-check", "--disable-domain-reliability", "--disable-breakpad",
    "--hide-scrollbars", "--mute-audio", "--no-pdf-header-footer",
)
TIMEOUT_SECONDS = 120


class BrowserError(Exception):
    """The browser is missing or did not produce its file."""


def find_browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def _run(page: Path, output: Path, flags: list[str]) -> None:
    browser = find_browser()
    if browser is None:
        raise BrowserError("no Chromium found")
    output.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="dilemmaspel-browser-") as profile:
        try:
            done = subprocess.run([browser, *QUIET_FLAGS, f"--user-data-dir={profile}", *flags,
                                   page.resolve().as_uri()], capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            raise BrowserError(f"{browser} took longer than {TIMEOUT_SECONDS} s") from None
    if done.returncode != 0 or not output.is_file() or output.stat().st_size == 0:
        raise BrowserError(f"{browser} exited with {done.returncode}: {done.stderr.strip()[-500:]}")


def print_pdf(page: Path, pdf: Path) -> None:
    """Print an HTML file to PDF with the page's own print CSS (@page size and margins)."""
    _run(page, pdf, [f"--print-to-pdf={pdf.resolve()}"])


def screenshot(page: Path, png: Path, width: int = 1280, height: int = 2000) -> None:
    """A PNG of the top ``width`` x ``height`` pixels of the page as a screen shows it."""
    _run(page, png, [f"--screenshot={png.resolve()}", f"--window-size={width},{height}"])
