"""The sandbox served over loopback HTTP from a child process.

With `tls=True` it speaks HTTPS with a certificate from a throwaway certificate authority
(trustme) made at start; `ca_bundle` is then a PEM file of certifi's roots plus that authority,
so a client told to trust it loads a bundle of the real size.

The server runs in its own interpreter so that its work never competes with the measured client
for the GIL (on one machine it still competes for the CPU: the host has 2 cores). The parent
changes its latency and rate limits by writing one JSON line per change to the child's stdin.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Any

SEED = 7
ROOT = Path(__file__).resolve().parents[1]


class SandboxProcess:
    """`python -m bench.server SESSIONS [tls]` as a context manager: `url`, `keys` (by tier), `ids` (sessions).

    With `tls`, `ca_bundle` is the PEM file that the clients must trust (None over plain HTTP).
    """

    def __init__(self, sessions: int, *, tls: bool = False) -> None:
        self._proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            [sys.executable, "-m", "bench.server", str(sessions), *(["tls"] if tls else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        hello = self._read()
        self.url: str = hello["url"]
        self.keys: dict[str, str] = hello["keys"]
        self.ids: list[str] = hello["ids"]
        self.ca_bundle: str | None = hello.get("ca_bundle")

    def _read(self) -> Any:
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the sandbox process exited with status {self._proc.wait()}; see its stderr above")
        return json.loads(line)

    def configure(self, **settings: Any) -> None:
        """Set `latency` (s), `rate_limit` (on/off), `limits` ({tier: n}), `window` (s); always resets the limiter."""
        assert self._proc.stdin is not None
        self._proc.stdin.write(json.dumps(settings) + "\n")
        self._proc.stdin.flush()
        self._read()

    def close(self) -> None:
        if self._proc.stdin is not None:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def __enter__(self) -> SandboxProcess:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _serve(sessions: int, commands: IO[str], tls: bool = False) -> None:
    from notai.testing import FIXED_NOW, Sandbox, SandboxServer  # in the child process only

    sandbox = Sandbox(now=FIXED_NOW, seed=SEED, sessions=sessions)
    sandbox.limiter.enabled = False
    ids = [s.id for s in sandbox.data("us").sessions[:2000]]
    hello: dict[str, Any] = {"ids": ids}
    with tempfile.TemporaryDirectory(prefix="notai-bench-ca-") as scratch:
        ssl_context = None
        if tls:
            ssl_context, hello["ca_bundle"] = _throwaway_tls(Path(scratch))
        with SandboxServer(sandbox, region="us", ssl_context=ssl_context) as server:
            print(json.dumps(hello | {"url": server.url, "keys": server.keys}), flush=True)
            _obey(sandbox, commands)


def _throwaway_tls(scratch: Path) -> tuple[Any, str]:
    """A server context with a certificate for 127.0.0.1 from a new CA, and the client's CA bundle file."""
    import ssl

    import certifi
    import trustme

    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    bundle = scratch / "ca-bundle.pem"
    bundle.write_bytes(Path(certifi.where()).read_bytes() + b"\n" + ca.cert_pem.bytes())
    return context, str(bundle)


def _obey(sandbox: Any, commands: IO[str]) -> None:
    for line in commands:
        settings = json.loads(line)
        sandbox.latency = settings.get("latency", sandbox.latency)
        sandbox.limiter.enabled = settings.get("rate_limit", sandbox.limiter.enabled)
        sandbox.limiter.limits.update(settings.get("limits", {}))
        sandbox.limiter.window = settings.get("window", sandbox.limiter.window)
        sandbox.limiter.reset()
        print("{}", flush=True)


if __name__ == "__main__":
    _serve(int(sys.argv[1]), sys.stdin, tls="tls" in sys.argv[2:])
