"""Command line of the sandbox: ``python -m notai.testing`` (and the future ``notai sandbox``)."""

from __future__ import annotations

import argparse
import errno
import shlex
import signal
import sys
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from types import FrameType
from typing import TextIO

from ._clock import parse_iso
from ._faults import FAULT_KINDS
from ._keys import REGIONS, TIERS, Region, Tier
from ._ratelimit import DEFAULT_WINDOW
from ._sandbox import Sandbox
from ._server import SandboxServer


def _pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value.strip()


def build_parser(prog: str = "python -m notai.testing") -> argparse.ArgumentParser:
    """The argument parser (exposed so a wrapping CLI can show the same help)."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Serve the notai sandbox (a fake, seeded Not AI API) on loopback: "
        "US on PORT, EU on PORT+1. Runs until Ctrl-C.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="US port; EU gets PORT+1; 0 picks free ports")
    parser.add_argument("--region", choices=[*REGIONS, "both"], default="both", help="serve one region only")
    parser.add_argument(
        "--sessions",
        type=int,
        default=2000,
        help="sessions per 90 days per region: exactly N at 2026-06-10T12:00Z, and N/90 a day more after it "
        "(default 2000)",
    )
    parser.add_argument("--seed", type=int, default=0, help="data seed")
    parser.add_argument(
        "--now",
        default=None,
        help="the sandbox's current time, ISO-8601, for reproducible data; a later --now with the same --seed "
        "keeps the same past (default: 00:00 UTC today)",
    )
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each reply")
    parser.add_argument(
        "--rate-window",
        type=float,
        default=DEFAULT_WINDOW,
        help="rate-limit window in seconds (default 60)",
    )
    parser.add_argument(
        "--rate-limit",
        type=_pair,
        action="append",
        default=[],
        metavar="TIER=N",
        help=f"requests per window for a tier ({', '.join(TIERS)}); repeatable",
    )
    parser.add_argument("--no-rate-limit", action="store_true", help="disable rate limiting entirely")
    parser.add_argument(
        "--fault-rate",
        type=_pair,
        action="append",
        default=[],
        metavar="KIND=P",
        help=f"random fault probability per request ({', '.join(FAULT_KINDS)}); repeatable",
    )
    parser.add_argument("--slow-delay", type=float, default=2.0, help="seconds of a slow fault")
    parser.add_argument(
        "--drift",
        action="store_true",
        help="answer with drift from the spec (unknown fields, a changed type, a new enum value, a missing "
        "field, an undeclared header), to try `notai doctor` on",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return parser


def _sandbox_from(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Sandbox:
    if args.sessions < 0:
        parser.error("--sessions expects a count of 0 or more")
    limits: dict[Tier, int] = {}
    for name, value in args.rate_limit:
        tier = next((t for t in TIERS if t == name), None)
        if tier is None or not value.isdigit():
            parser.error(f"--rate-limit expects TIER=N with TIER in {', '.join(TIERS)}")
        limits[tier] = int(value)
    now = None
    if args.now:
        try:
            ticks = parse_iso(args.now)
        except ValueError:
            parser.error("--now expects an ISO-8601 date-time")
        now = datetime.fromtimestamp(ticks / 10_000_000, UTC)
    sandbox = Sandbox(
        seed=args.seed,
        sessions=args.sessions,
        now=now,
        latency=args.latency,
        rate_limits=limits,
        rate_window=args.rate_window,
        slow_delay=args.slow_delay,
        drift=args.drift,
    )
    sandbox.limiter.enabled = not args.no_rate_limit
    try:
        sandbox.faults.rate = {name: float(p) for name, p in args.fault_rate}
    except ValueError as exc:
        parser.error(f"--fault-rate: {exc}")
    return sandbox


def _describe(servers: Sequence[SandboxServer], sandbox: Sandbox, out: TextIO) -> None:
    counts = ", ".join(f"{s.region.upper()} {len(sandbox.data(s.region).sessions)}" for s in servers)
    print(
        f"notai sandbox: seed {sandbox.seed}, now {sandbox.now.isoformat()}, {sandbox.sessions} sessions per 90 days "
        f"({counts} by now)" + (", drift mode" if sandbox.drift else ""),
        file=out,
    )
    for server in servers:
        print(f"  {server.region.upper()}  {server.url}", file=out)
        for tier, key in server.keys.items():
            print(f"      {tier:<11} {key}", file=out)
    _handoff(servers, out)
    print("Press Ctrl-C to stop.", file=out, flush=True)


def _handoff(servers: Sequence[SandboxServer], out: TextIO) -> None:
    """Print the lines to paste in another shell: the first region's pro key in the environment, and a command."""
    print("In another shell, paste (the pro key; the other keys show the other tiers):", file=out)
    for n, server in enumerate(servers):
        region = "" if server.region == "us" else " ISNOTAI_REGION=eu"
        line = (
            f"export ISNOTAI_BASE_URL={shlex.quote(server.url)} ISNOTAI_API_KEY={shlex.quote(server.keys['pro'])}"
            + region
        )
        print(f"  {line}" if n == 0 else f"  # or, for {server.region.upper()}: {line}", file=out)
    print("  notai sessions list --bot-only --limit 5", file=out)


def main(argv: Sequence[str] | None = None, *, prog: str = "python -m notai.testing") -> int:
    """Run the sandbox servers until interrupted; returns the exit status."""
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    sandbox = _sandbox_from(args, parser)
    regions: list[Region] = list(REGIONS) if args.region == "both" else [args.region]
    servers: list[SandboxServer] = []
    port = args.port
    try:
        for i, region in enumerate(regions):
            port = 0 if args.port == 0 else args.port + i
            servers.append(SandboxServer(sandbox, region=region, host=args.host, port=port, verbose=args.verbose))
    except OSError as exc:
        for server in servers:
            server.stop()
        if exc.errno == errno.EADDRINUSE:
            print(
                f"{prog}: error: port {port} on {args.host} is already in use (another sandbox?): "
                "pass another --port, or --port 0 for a free one.",
                file=sys.stderr,
            )
        else:
            print(f"{prog}: error: cannot serve on {args.host} port {port}: {exc}", file=sys.stderr)
        return 1
    for region in regions:
        sandbox.data(region)  # generate before announcing the URLs
    for server in servers:
        server.start()
    _describe(servers, sandbox, sys.stdout)
    stop = threading.Event()

    def _on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_signal)
    try:
        while not stop.wait(0.2):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers:
            server.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print("notai sandbox stopped.", flush=True)
    return 0
