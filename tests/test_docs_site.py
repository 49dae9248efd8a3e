"""The documentation site: every public name is in its reference, its examples run, and it works in a real browser.

The site is built once per run into a temporary directory (`mkdocs build`, as `make docs` does),
served on a free loopback port, and opened in Debian's headless Chromium (`/usr/bin/chromium`,
driven by Playwright through `executable_path`; no browser is downloaded). `.ci/run` installs
Chromium where it is missing.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import notai
import notai.testing
import notai.types

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: Where the reference documents `client.sessions.list` (mkdocstrings' anchor is the object's path).
SESSIONS_LIST = "reference/resources/#notai.resources.sessions.Sessions.list"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site as `make docs` does, into a directory of this test run."""
    out = tmp_path_factory.mktemp("site")
    subprocess.run(  # noqa: S603  (this interpreter's mkdocs, fixed arguments)
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "-f", "docs/mkdocs/mkdocs.yml", "-d", out],
        cwd=ROOT,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return out


def inventory(site: Path) -> set[str]:
    """Return the object names of the site's `objects.inv` (Sphinx inventory v2: 4 header lines, then zlib)."""
    raw = (site / "objects.inv").read_bytes()
    header_end = 0
    for _ in range(4):
        header_end = raw.index(b"\n", header_end) + 1
    lines = zlib.decompress(raw[header_end:]).decode().splitlines()
    return {line.split(" ", 1)[0] for line in lines if line}


def test_every_public_name_is_in_the_reference(site: Path) -> None:
    names = inventory(site)
    documented_leaves = {name.rsplit(".", 1)[-1] for name in names if name.startswith(("notai.", "notai_api."))}
    missing = [
        f"{module.__name__}.{name}"
        for module in (notai, notai.types, notai.testing)
        for name in module.__all__
        if f"{module.__name__}.{name}" not in names and name not in documented_leaves
    ]
    assert not missing, f"not in the reference (docs/reference/*.md): {missing}"
    # The resource methods are documented under their own paths, each parameter with them.
    assert "notai.resources.sessions.Sessions.list" in names
    assert "notai.resources.sessions.AsyncSessions.list" in names


def test_the_cli_reference_is_the_parsers_help(site: Path) -> None:
    page = (site / "reference" / "cli" / "index.html").read_text()
    for command in ("notai sessions list", "notai export sessions", "notai sync", "notai doctor"):
        assert f"<code>{command}</code>" in page, command
    assert "--bot-only" in page and "--limit" in page  # the options of `notai sessions list`
    assert (site / "openapi" / "index.html").stat().st_size > 10_000  # Redocly's rendering of openapi.yaml


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    """Serve the built site on a free loopback port for the length of the module."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_the_site_works_in_headless_chromium(served: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install -y chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    offsite: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

            def only_this_site(route: object) -> None:
                url = route.request.url  # type: ignore[attr-defined]
                if urlsplit(url).hostname == "127.0.0.1":
                    route.continue_()  # type: ignore[attr-defined]
                else:
                    offsite.append(url)
                    route.abort()  # type: ignore[attr-defined]

            page.route("**/*", only_this_site)

            page.goto(served, wait_until="networkidle")
            assert "notai" in page.title()
            # Material's copy button (content.code.copy) on every code block of the home page.
            copy = page.locator('div.highlight pre button[data-md-type="copy"]')
            copy.first.wait_for(state="attached")
            assert copy.count() == page.locator("div.highlight pre").count() >= 2
            page.screenshot(path=tmp_path / "home.png", full_page=True)

            page.goto(served + SESSIONS_LIST, wait_until="networkidle")
            heading = page.locator('[id="notai.resources.sessions.Sessions.list"]')
            assert heading.count() == 1
            text = page.locator("article").inner_text()
            for parameter in ("status", "bot_only", "start_date", "end_date", "page_size", "cursor", "**options"):
                assert parameter in text, parameter
            assert "newest first" in text and "inclusive" in text
            page.screenshot(path=tmp_path / "sessions-list.png")

            for query, target in (
                ("sessions.list", "notai.resources.sessions.Sessions.list"),
                ("ResponseValidationError", "notai.ResponseValidationError"),
            ):
                box = page.locator("input.md-search__input")
                box.click()
                box.fill("")
                box.press_sequentially(query, delay=10)  # Material searches on key presses
                results = page.locator(".md-search-result__list a")
                results.first.wait_for(timeout=10_000)
                hrefs = [results.nth(i).get_attribute("href") or "" for i in range(min(results.count(), 3))]
                # Among the first results (a page, then its best sections), not merely somewhere.
                assert any(href.endswith("#" + target) for href in hrefs), (query, hrefs)
                page.screenshot(path=tmp_path / f"search-{query}.png")
                page.keyboard.press("Escape")
        finally:
            browser.close()

    assert not problems, problems
    assert not offsite, f"the site fetched from outside the machine: {offsite}"
    assert (tmp_path / "home.png").stat().st_size > 0


#: The pages that must print a first result (test_readme.py runs every page's blocks; these must also show something).
OWN_PAGES = ("index.md", "getting-started.md")
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


@pytest.mark.parametrize("page", OWN_PAGES)
def test_the_pages_python_blocks_run_against_the_sandbox(page: str, tmp_path: Path) -> None:
    blocks = PYTHON_BLOCK.findall((ROOT / "docs" / page).read_text(encoding="utf-8"))
    assert blocks, page
    sandbox = notai.testing.Sandbox(sessions=200)
    with notai.testing.serve(sandbox) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ISNOTAI_")}
        env |= {"ISNOTAI_API_KEY": server.keys["pro"], "ISNOTAI_BASE_URL": server.url}
        for i, body in enumerate(blocks):
            script = tmp_path / f"block_{i}.py"
            script.write_text(body, encoding="utf-8")
            result = subprocess.run(  # noqa: S603  (this interpreter, a block of the page)
                [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120, check=False
            )
            assert result.returncode == 0, f"{page} block {i} failed:\n{body}\n{result.stderr}"
            assert result.stdout.strip(), f"{page} block {i} printed nothing: no first result"
