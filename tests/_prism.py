"""Run Stoplight Prism (the pinned node_modules copy) as a mock of openapi.yaml for contract tests.

`prism mock openapi.yaml --errors` validates every request against the spec (parameters,
formats, security) and every response it produces against the response schema. With
`--errors`, a request violation is answered with the operation's 400/401/422 (the spec's
example body) and a response violation with a 500 problem+json. Either way Prism adds a
`sl-violations` response header: a JSON list of `{location, severity, code, message}` whose
`location` starts with `request` or `response`. A clean exchange is a 2xx without that header.

Prism picks the response from the request's `Prefer` header: `code=<status>` (the lowest 2xx
when absent), `example=<key>` (named `examples` only), `dynamic=true` (generate a body from
the schema instead of using the example) and `seed=<text>` (make that generation repeatable).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
PRISM = REPO / "node_modules" / ".bin" / "prism"
SPEC = REPO / "openapi.yaml"
VIOLATIONS_HEADER = "sl-violations"
HOST = "127.0.0.1"


def violations(response: httpx.Response) -> list[dict[str, Any]]:
    """Return the violations Prism reported for this exchange (empty when it reported none)."""
    raw = response.headers.get(VIOLATIONS_HEADER)
    if raw is None:
        return []
    try:
        parsed = json.loads(raw)
    except ValueError:  # Prism truncates very long lists behind a "Too many violations!" prefix
        return [{"location": ["unknown"], "severity": "Error", "code": "truncated", "message": raw}]
    return list(parsed) if isinstance(parsed, list) else [parsed]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop Prism and anything it spawned: it leads its own process group (start_new_session)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _wait_until_ready(process: subprocess.Popen[bytes], base_url: str, log: Path, timeout: float) -> bool:
    """Poll /health until Prism answers; False if it exited (e.g. the port was taken)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            if httpx.get(f"{base_url}/health", timeout=1.0).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    _stop(process)
    pytest.fail(f"Prism did not answer on {base_url} within {timeout:.0f}s. Log tail:\n{_tail(log)}", pytrace=False)


@contextlib.contextmanager
def prism_mock(log: Path, *, spec: Path = SPEC, startup_timeout: float = 60.0) -> Iterator[str]:
    """Run `prism mock <spec> --errors` on a free loopback port; yield its base URL; stop it after."""
    if not PRISM.exists():
        pytest.fail(f"{PRISM} is missing: run `make setup` (it runs `npm ci` for the pinned Prism).", pytrace=False)
    if shutil.which("node") is None:
        pytest.fail("`node` is not on PATH; Prism needs Node.js 20 (see `make setup`).", pytrace=False)
    for _attempt in range(3):  # another process may grab the free port before Prism binds it
        port = _free_port()
        base_url = f"http://{HOST}:{port}"
        command = [str(PRISM), "mock", str(spec), "--host", HOST, "--port", str(port), "--errors"]
        with log.open("ab") as sink:
            process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                command,
                cwd=REPO,
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            if _wait_until_ready(process, base_url, log, startup_timeout):
                yield base_url
                return
        finally:
            _stop(process)
    pytest.fail(f"Prism exited before answering (3 attempts). Log tail:\n{_tail(log)}", pytrace=False)


class Recorder:
    """An httpx response event hook that keeps what each exchange looked like on the wire.

    The SDK blanks credential headers on its request objects once a request is done, so the
    request's headers are copied when the response arrives, not read later.
    """

    def __init__(self) -> None:
        self.exchanges: list[Exchange] = []

    def __call__(self, response: httpx.Response) -> None:
        self.exchanges.append(Exchange(response))

    def clear(self) -> None:
        """Forget the recorded exchanges."""
        self.exchanges.clear()

    def problems(self) -> list[str]:
        """Describe every exchange that was not a clean 2xx without Prism violations."""
        return [
            f"{x.method} {x.url} -> {x.status}: {x.violations}"
            for x in self.exchanges
            if x.violations or not 200 <= x.status < 300
        ]

    def assert_clean(self) -> None:
        """Fail unless at least one request was sent and Prism accepted every one of them."""
        assert self.exchanges, "no request reached Prism"
        problems = self.problems()
        assert not problems, "Prism reported violations:\n" + "\n".join(problems)


class Exchange:
    """One request/response pair as seen by the httpx event hook."""

    def __init__(self, response: httpx.Response) -> None:
        request = response.request
        self.method = request.method
        self.url = request.url
        self.request_headers = request.headers.copy()
        self.status = response.status_code
        self.response_headers = response.headers.copy()
        self.violations = violations(response)
