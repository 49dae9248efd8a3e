"""Other languages: TypeScript clients generated from openapi.yaml, compiled and run against the sandbox.

For each pinned generator (openapi-typescript + openapi-fetch, and @hey-api/openapi-ts) this
generates a client from the spec as it is now into a temporary folder, compiles the hand-written
scenario in tests/other_languages/<client>/ with the pinned tsc (strict, noEmitOnError: a type error
fails), runs it with node against a sandbox on a free loopback port frozen at FIXED_NOW, and checks
its JSON report against the sandbox's own counts and the Python SDK.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

import notai
from notai.testing import EXAMPLE_SESSION_ID, FIXED_NOW, Sandbox, SandboxServer

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "openapi.yaml"
NODE_MODULES = ROOT / "node_modules"
SCENARIOS = Path(__file__).resolve().parent / "other_languages"
INSTALL = "install Node 20+ and run `npm ci` in the repository root"

# How each client is generated from the spec, into the folder where its scenario is compiled.
GENERATE: dict[str, list[str]] = {
    "openapi_fetch": ["openapi-typescript", str(SPEC), "--output", "schema.ts"],
    "hey_api": [
        "openapi-ts",
        *("--input", str(SPEC), "--output", "generated", "--client", "@hey-api/client-fetch", "--no-log-file"),
    ],
}


def _tool(name: str) -> str:
    path = NODE_MODULES / ".bin" / name
    if not path.exists():
        pytest.fail(f"{path} is missing: {INSTALL}.")
    return str(path)


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"node is not on PATH: {INSTALL}.")
    version = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [node, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    major = int(version.lstrip("v").split(".")[0])
    if major < 20:
        pytest.fail(f"node {version} is too old: {INSTALL}.")
    return node


def _node_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ISNOTAI_", "NOTAI_"))}
    env["PATH"] = f"{Path(_node()).parent}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    return env | extra


def _run(
    command: list[str], cwd: Path, what: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a tool; fail the test with its output if it fails."""
    done = subprocess.run(  # noqa: S603 - fixed argv, no shell
        command, cwd=cwd, env=env or _node_env(), capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        pytest.fail(f"{what} failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    """Deterministic data: 300 sessions per region at the fixed clock."""
    return Sandbox(now=FIXED_NOW, seed=7, sessions=300)


@pytest.fixture(scope="module")
def server(sandbox: Sandbox) -> Iterator[SandboxServer]:
    """The sandbox's US stack on a free loopback port."""
    with SandboxServer(sandbox, region="us", port=0) as running:
        yield running


@pytest.fixture(scope="module")
def oracle(server: SandboxServer) -> Iterator[notai.NotAI]:
    """The Python SDK on the same server, for the expected values."""
    with notai.NotAI(server.keys["pro"], base_url=server.url) as client:
        yield client


@dataclass
class Build:
    """One client generated from the spec, its scenario compiled, and its must-fail file checked."""

    name: str
    work: Path
    generator_output: str
    type_errors: subprocess.CompletedProcess[str]


def _build(name: str, work: Path) -> Build:
    """Generate the client into `work`, then compile the scenario and (at the same time) the type-error file."""
    for source in (SCENARIOS / name).iterdir():
        shutil.copy(source, work / source.name)
    (work / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    generator, *args = GENERATE[name]
    generated = _run([_tool(generator), *args], work, f"{generator} on openapi.yaml")
    env = _node_env()
    must_fail = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        [_tool("tsc"), "-p", "tsconfig.type-errors.json"],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _run([_tool("tsc"), "-p", "tsconfig.json"], work, f"tsc on tests/other_languages/{name}", env)
        out, err = must_fail.communicate(timeout=120)
    finally:
        if must_fail.poll() is None:
            must_fail.kill()
            must_fail.wait()
    checked = subprocess.CompletedProcess(must_fail.args, must_fail.returncode, out, err)
    return Build(name, work, generated.stdout + generated.stderr, checked)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """Every client built once for the module, the clients in parallel."""
    _node()
    for tool in ("tsc", *(argv[0] for argv in GENERATE.values())):
        _tool(tool)
    with ThreadPoolExecutor(max_workers=len(GENERATE)) as pool:
        futures = {name: pool.submit(_build, name, tmp_path_factory.mktemp(name)) for name in GENERATE}
        return {name: future.result() for name, future in futures.items()}


@pytest.fixture(scope="module", params=sorted(GENERATE))
def build(request: pytest.FixtureRequest, builds: dict[str, Build]) -> Build:
    """One client's build."""
    return builds[request.param]


@pytest.fixture(scope="module")
def run(build: Build, server: SandboxServer) -> dict[str, Any]:
    """One client's scenario run against the sandbox: its stdout, stderr and parsed report."""
    compiled = build.work / "dist" / "scenario.js"
    assert compiled.is_file(), f"tsc emitted no {compiled}"
    server.sandbox.limiter.reset()
    done = _run(
        [_node(), str(compiled)],
        build.work,
        f"node {build.name}/scenario",
        env=_node_env(NOTAI_BASE_URL=server.url, NOTAI_API_KEY=server.keys["pro"]),
    )
    return {
        "name": build.name,
        "generator_output": build.generator_output,
        "stdout": done.stdout,
        "stderr": done.stderr,
        "report": json.loads(done.stdout),
    }


def test_type_errors_fail_the_compile(build: Build) -> None:
    """tsc rejects each deliberate misuse in type_errors.ts: the generated types constrain the calls."""
    source = (build.work / "type_errors.ts").read_text(encoding="utf-8").splitlines()
    marked = {i for i, line in enumerate(source, start=1) if "// error:" in line}
    output = build.type_errors.stdout + build.type_errors.stderr
    reported = {int(m.group(1)) for m in re.finditer(r"^type_errors\.ts\((\d+),\d+\): error TS", output, re.M)}
    assert build.type_errors.returncode != 0, output
    assert len(marked) >= 4
    assert reported == marked, output


def test_every_operation_of_the_spec_succeeds(run: dict[str, Any]) -> None:
    """Each GET of openapi.yaml was called through the generated client and answered 200."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    operations = {op["operationId"]: path for path, item in spec["paths"].items() for op in [item["get"]]}
    assert len(operations) == 12
    ok_paths = [s["path"] for s in run["report"]["sent"] if s["status"] == 200]
    missed = []
    for operation_id, template in operations.items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
        if not any(pattern.match(path) for path in ok_paths):
            missed.append(operation_id)
    assert missed == []


def test_the_key_is_never_printed(run: dict[str, Any], server: SandboxServer) -> None:
    """Neither the generator nor the scenario writes the key anywhere we can see."""
    for text in (run["stdout"], run["stderr"], run["generator_output"]):
        assert server.keys["pro"] not in text


def test_sessions_walk_to_the_end_and_match_stats(run: dict[str, Any], oracle: notai.NotAI) -> None:
    """Pages of 40 walk every session once; the count is what getStats says, the order the SDK's."""
    report = run["report"]
    stats = report["stats"]
    ids = report["sessions"]["ids"]
    assert stats == oracle.stats.get().to_dict()
    assert len(ids) == len(set(ids)) == stats["totalSessions"] == 300
    assert ids == [s.id for s in oracle.sessions.list(page_size=100)]
    assert EXAMPLE_SESSION_ID in ids
    assert report["sessions"]["pages"] == math.ceil(300 / 40)
    assert set(report["sessions"]["limits"]) == {40}
    bots = report["botSessions"]
    assert len(bots["ids"]) == len(set(bots["ids"])) == stats["botSessions"] > 0
    assert all(score >= 0.7 for score in bots["scores"])
    closed = report["closedSessions"]
    assert len(closed["ids"]) == len(set(closed["ids"])) == stats["closedSessions"] > 0
    assert set(closed["statuses"]) == {"closed"}


def test_ids_round_trip(run: dict[str, Any], oracle: notai.NotAI) -> None:
    """getSession and getSessionDetails return the id they were asked for, with the SDK's event total."""
    trips = run["report"]["roundTrips"]
    assert [t["id"] for t in trips][-1] == EXAMPLE_SESSION_ID
    for trip in trips:
        assert trip["getId"] == trip["detailsSessionId"] == trip["id"]
        counts = oracle.sessions.details(trip["id"]).event_counts
        assert counts is not None
        assert trip["eventTotal"] == counts.total
        assert trip["botScore"] == oracle.sessions.get(trip["id"]).bot_score


def test_events_walk_and_unix_ms_window(run: dict[str, Any], oracle: notai.NotAI) -> None:
    """All events of the example session, then a startTime/endTime window (Unix ms) honoured by the server."""
    report = run["report"]
    events, window = report["events"], report["eventWindow"]
    total = next(t["eventTotal"] for t in report["roundTrips"] if t["id"] == EXAMPLE_SESSION_ID)
    assert events["sessionId"] == EXAMPLE_SESSION_ID
    assert len(events["ids"]) == len(set(events["ids"])) == total == len(events["timestamps"])
    assert events["ids"] == [e.event_id for e in oracle.sessions.events(EXAMPLE_SESSION_ID, page_size=100)]
    assert events["pages"] == math.ceil(total / 30) > 1
    start, end = window["startTime"], window["endTime"]
    assert isinstance(start, int) and isinstance(end, int) and start < end
    assert all(start <= t <= end for t in window["timestamps"])
    expected = [e.event_id for e in oracle.sessions.events(EXAMPLE_SESSION_ID, start_time=start, end_time=end)]
    assert window["ids"] == expected
    assert len(window["ids"]) == sum(start <= t <= end for t in events["timestamps"])
    assert 0 < len(window["ids"]) < total
    assert window["pages"] == math.ceil(len(expected) / 10) > 1


def test_users_and_their_sessions(run: dict[str, Any]) -> None:
    """Every user once, as many as getStats counts; one user's sessions walked in pages of 3."""
    report = run["report"]
    stats, users, mine = report["stats"], report["users"], report["userSessions"]
    assert len(users["ids"]) == len(set(users["ids"])) == stats["totalUsers"] > 0
    assert sum(users["sessionCounts"]) == stats["matchedSessions"]
    assert mine["userId"] in users["ids"]
    assert len(mine["ids"]) == len(set(mine["ids"])) == mine["sessionCount"] >= 4
    assert set(mine["userIds"]) == {mine["userId"]}
    assert set(mine["ids"]) <= set(report["sessions"]["ids"])
    assert mine["pages"] == math.ceil(mine["sessionCount"] / 3)


def test_courses_analytics_and_usage(run: dict[str, Any], oracle: notai.NotAI) -> None:
    """The open-schema and report operations return what the Python SDK gets."""
    report = run["report"]
    courses = report["courses"]
    assert courses["items"] == [c.to_dict() for c in oracle.courses.list(page_size=100)]
    assert courses["pages"] == math.ceil(len(courses["items"]) / 2) > 1
    analytics = report["analytics"]
    summary = oracle.analytics.get(period="90d", group_by="week").summary
    assert summary is not None
    assert (analytics["period"], analytics["groupBy"]) == ("90d", "week")
    assert analytics["totalSessions"] == analytics["seriesSessions"] == summary.total_sessions
    usage = oracle.usage.get(metric="Sessions")
    assert usage.totals is not None
    assert report["usage"]["totals"] == usage.totals.to_dict()
    assert report["usage"]["points"] == len(usage.data or []) > 0


def test_both_auth_headers(run: dict[str, Any], server: SandboxServer) -> None:
    """Bearer alone and x-api-key alone each authenticate; each client sent only its own header."""
    report = run["report"]
    by_client: dict[str, list[dict[str, Any]]] = {}
    for sent in report["sent"]:
        by_client.setdefault(sent["client"], []).append(sent)
    assert all(s["authorization"] and not s["xApiKey"] for s in by_client["bearer"])
    # Every bearer call succeeded but the deliberate 404.
    assert sorted(s["status"] for s in by_client["bearer"] if s["status"] != 200) == [404]
    assert len(by_client["x-api-key"]) == 2
    assert all(s["xApiKey"] and not s["authorization"] and s["status"] == 200 for s in by_client["x-api-key"])
    assert all(not s["authorization"] and not s["xApiKey"] for s in by_client["no-key"])
    masked = report["integration"]["apiKeyMasked"]
    assert masked.startswith("aik_v1_") and masked.endswith(server.keys["pro"][-4:])
    assert report["apiKeyHeader"] == {
        "integrationStatus": 200,
        "apiKeyMasked": masked,
        "sessionStatus": 200,
        "sessionId": EXAMPLE_SESSION_ID,
    }
    assert report["integration"]["tier"] == "pro"
    assert report["integration"]["requestId"] is True
    if run["name"] == "hey_api":
        # A plain-token `auth` makes hey-api send the token in every scheme of the spec's security list.
        [default] = by_client["default-auth"]
        assert default["authorization"] and default["xApiKey"] and report["defaultAuth"]["status"] == 200


def test_errors_404_and_401(run: dict[str, Any]) -> None:
    """An unknown session is a 404 with the tier header; a bad or missing key a 401 INVALID_API_KEY without it."""
    report = run["report"]
    assert report["health"] == {"status": 200, "body": "healthy"}
    assert report["notFound"] == {"status": 404, "code": "NOT_FOUND", "tier": "pro"}
    assert report["unauthorized"] == {"status": 401, "code": "INVALID_API_KEY", "tier": None}
    assert report["anonymous"] == {"status": 401, "code": "INVALID_API_KEY"}
    [bad] = [s for s in report["sent"] if s["client"] == "bad-key"]
    assert bad["authorization"] and not bad["xApiKey"]
