"""`client.doctor()` and `notai doctor` against loopback sandboxes, with and without the sandbox's drift mode."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import notai
import notai._doctor
import notai._doctor_checks
from notai._doctor import OPERATIONS
from notai._drift import SPEC_HEADERS
from notai.cli import main
from notai.testing import FIXED_NOW, Sandbox, SandboxServer, keys, serve
from notai.testing._cli import _sandbox_from, build_parser
from notai.types import DoctorReport

PRO = keys("us")["pro"]
EU_PRO = keys("eu")["pro"]
UNKNOWN = "aik_v1_" + "Z" * 40  # well-formed, but no region knows it
MALFORMED = "aik_v1_tooshort"
SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi.yaml"

#: Every drift the sandbox's drift mode plants, as (operation, kind, path): nothing more, nothing less.
PLANTED = {
    *((op, "undeclared-header", "x-isnotai-shard") for op in OPERATIONS),
    *((op, "unknown-field", "meta") for op in ("listSessions", "listEvents", "listUsers", "getUserSessions")),
    ("listCourses", "unknown-field", "meta"),
    *((op, "unknown-field", "data[].riskLevel") for op in ("listSessions", "getUserSessions")),
    *((op, "type-mismatch", "data[].botScore") for op in ("listSessions", "getUserSessions")),
    *((op, "unknown-value", "data[].status") for op in ("listSessions", "getUserSessions")),
    ("getSession", "unknown-field", "data.riskLevel"),
    ("getSession", "type-mismatch", "data.botScore"),
    ("getSession", "unknown-value", "data.status"),
    ("listEvents", "missing-required", "data[].eventId"),
}


def _sandbox(**options: Any) -> Sandbox:
    sandbox = Sandbox(now=FIXED_NOW, seed=5, sessions=40, **options)
    sandbox.limiter.enabled = False
    return sandbox


@pytest.fixture(scope="module")
def regions() -> Iterator[tuple[SandboxServer, SandboxServer]]:
    """One sandbox without drift, its US and EU regions each on a loopback port."""
    sandbox = _sandbox()
    with serve(sandbox, region="us") as us, serve(sandbox, region="eu") as eu:
        yield us, eu


@pytest.fixture(scope="module")
def drifted() -> Iterator[SandboxServer]:
    """A sandbox in drift mode, US region on loopback."""
    with serve(_sandbox(drift=True), region="us") as us:
        yield us


def found(report: DoctorReport) -> set[tuple[str, str, str]]:
    return {(d.operation, d.kind, d.path) for d in report.drift}


def statuses(report: DoctorReport) -> dict[str, str]:
    return {check.name: check.status for check in report.checks}


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["doctor", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_no_key(key: str, *texts: str) -> None:
    for text in texts:
        assert key not in text
        assert key[len("aik_v1_") :] not in text


# --- the SDK ------------------------------------------------------------------------------------


def test_no_drift_without_drift_mode(regions: tuple[SandboxServer, SandboxServer]) -> None:
    us, _ = regions
    with notai.NotAI(PRO, base_url=us.url) as client:
        report = client.doctor()
    assert report.drift == ()
    assert statuses(report) == dict.fromkeys(("key format", "region", "plan tier", "clock skew", "operations"), "ok")
    assert report.check("plan tier").detail == "pro"
    assert report.checked == OPERATIONS
    assert report.unchecked == ()
    assert report.ok
    assert_no_key(PRO, repr(report), str(report), json.dumps(report.to_dict()))


def test_drift_mode_drift_is_all_found(drifted: SandboxServer) -> None:
    with notai.NotAI(PRO, base_url=drifted.url) as client:
        report = client.doctor()
    assert found(report) == PLANTED
    assert not report.ok
    assert statuses(report)["operations"] == "ok"  # drift is reported, not mistaken for failed calls
    by_path = {(d.operation, d.path): d.detail for d in report.drift}
    assert by_path[("getSession", "data.botScore")] == "expected number, got string"
    assert "'archived'" in by_path[("getSession", "data.status")]
    assert "active" in by_path[("getSession", "data.status")]
    assert_no_key(PRO, repr(report), json.dumps(report.to_dict()))


@pytest.mark.anyio
async def test_async_doctor_matches_the_sync_one(
    regions: tuple[SandboxServer, SandboxServer], drifted: SandboxServer
) -> None:
    async with notai.AsyncNotAI(PRO, base_url=regions[0].url) as client:
        clean = await client.doctor()
    async with notai.AsyncNotAI(PRO, base_url=drifted.url) as client:
        dirty = await client.doctor()
    assert clean.ok and clean.drift == () and clean.checked == OPERATIONS
    assert found(dirty) == PLANTED


def test_a_key_of_the_other_region_is_named(regions: tuple[SandboxServer, SandboxServer]) -> None:
    us, eu = regions
    with notai.NotAI(EU_PRO, base_url=us.url) as client:
        report = client.doctor(other_base_url=eu.url)
    region = report.check("region")
    assert region.status == "fail"
    assert "belongs to the eu region" in region.detail and eu.url in region.detail
    assert "getSession" in dict(report.unchecked)
    assert not report.ok
    assert_no_key(EU_PRO, repr(report), json.dumps(report.to_dict()))


def test_a_key_no_region_knows_is_said_to_be_rejected_by_both(regions: tuple[SandboxServer, SandboxServer]) -> None:
    us, eu = regions
    with notai.NotAI(UNKNOWN, base_url=us.url) as client:
        report = client.doctor(other_base_url=eu.url)
    assert report.check("key format").status == "ok"
    assert "and so did" in report.check("region").detail
    assert report.checked == ("health",)  # the only operation that needs no key


def test_a_custom_host_without_other_base_url_is_not_guessed(regions: tuple[SandboxServer, SandboxServer]) -> None:
    with notai.NotAI(EU_PRO, base_url=regions[0].url) as client:
        report = client.doctor()
    assert "other region was not tried" in report.check("region").detail


def test_a_malformed_key_fails_the_format_check_in_one_line(regions: tuple[SandboxServer, SandboxServer]) -> None:
    with notai.NotAI(MALFORMED, base_url=regions[0].url) as client:
        report = client.doctor()
    check = report.check("key format")
    assert check.status == "fail"
    assert "40 base64url characters" in check.detail and "\n" not in check.detail
    assert_no_key(MALFORMED, repr(report), json.dumps(report.to_dict()))


def test_no_key_fails_the_format_check_and_checks_only_health(regions: tuple[SandboxServer, SandboxServer]) -> None:
    with notai.NotAI(base_url=regions[0].url) as client:
        report = client.doctor()
    assert report.check("key format").status == "fail"
    assert "ISNOTAI_API_KEY" in report.check("key format").detail
    assert report.checked == ("health",)
    assert not report.ok


def test_no_sessions_means_unchecked_not_passed() -> None:
    with serve(Sandbox(now=FIXED_NOW, sessions=0), region="us") as empty, notai.NotAI(PRO, base_url=empty.url) as c:
        report = c.doctor()
    unchecked = dict(report.unchecked)
    for operation in ("getSession", "getSessionDetails", "listEvents", "getUserSessions"):
        assert operation in unchecked and operation not in report.checked
    assert "no session id" in unchecked["getSession"]
    assert report.check("operations").status == "warn"


def test_a_failing_operation_fails_the_operations_check() -> None:
    sandbox = _sandbox()
    sandbox.faults.inject("503", times=None, path_prefix="/v1/stats")
    with serve(sandbox, region="us") as us, notai.NotAI(PRO, base_url=us.url, max_retries=0) as client:
        report = client.doctor()
    assert report.check("operations").status == "fail"
    assert "getStats" in report.check("operations").detail
    assert "HTTP 503" in dict(report.unchecked)["getStats"]
    assert not report.ok and report.drift == ()


def test_clock_skew_over_the_threshold_warns(
    regions: tuple[SandboxServer, SandboxServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notai._doctor, "now", lambda: time.time() + notai._doctor_checks.MAX_CLOCK_SKEW + 60)
    with notai.NotAI(PRO, base_url=regions[0].url) as client:
        report = client.doctor()
    assert report.check("clock skew").status == "warn"
    assert "ahead of" in report.check("clock skew").detail
    assert report.ok  # a warning is not a failure


# --- the command line ---------------------------------------------------------------------------


def test_cli_exits_0_without_drift(
    capsys: pytest.CaptureFixture[str], regions: tuple[SandboxServer, SandboxServer]
) -> None:
    code, out, err = cli(capsys, "--base-url", regions[0].url, "--api-key", PRO)
    assert code == 0
    assert "no drift" in out and "ok    plan tier" in out
    code, out, err = cli(capsys, "--base-url", regions[0].url, "--api-key", PRO, "--format", "json")
    assert code == 0 and json.loads(out)["ok"] is True
    assert_no_key(PRO, out, err)


def test_cli_exits_10_on_drift(capsys: pytest.CaptureFixture[str], drifted: SandboxServer) -> None:
    code, out, err = cli(capsys, "--base-url", drifted.url, "--api-key", PRO)
    assert code == 10
    assert "listEvents" in out and "missing-required" in out and "data[].eventId" in out
    code, out, err = cli(capsys, "--base-url", drifted.url, "--api-key", PRO, "-f", "json")
    assert code == 10
    assert {(d["operation"], d["kind"], d["path"]) for d in json.loads(out)["drift"]} == PLANTED
    assert_no_key(PRO, out, err)


def test_cli_exits_11_when_a_check_fails(
    capsys: pytest.CaptureFixture[str], regions: tuple[SandboxServer, SandboxServer]
) -> None:
    us, eu = regions
    code, out, err = cli(capsys, "--base-url", us.url, "--api-key", EU_PRO, "--other-base-url", eu.url)
    assert code == 11
    assert "belongs to the eu region" in out
    assert_no_key(EU_PRO, out, err)
    code, out, err = cli(capsys, "--base-url", us.url, "--api-key", MALFORMED, "-f", "json")
    assert code == 11
    first = json.loads(out)["checks"][0]
    assert (first["name"], first["status"]) == ("key format", "fail")
    assert_no_key(MALFORMED, out, err)


def test_cli_refuses_an_unusable_other_base_url_in_one_line(
    capsys: pytest.CaptureFixture[str], regions: tuple[SandboxServer, SandboxServer]
) -> None:
    argv = ("--base-url", regions[0].url, "--api-key", PRO, "--other-base-url", "http://example.com")
    code, out, err = cli(capsys, *argv)
    assert code == 3
    assert err.startswith("notai: other_base_url: ") and "plain http" in err and err.count("\n") == 1
    assert out == ""


def test_cli_refuses_csv_in_one_line(
    capsys: pytest.CaptureFixture[str], regions: tuple[SandboxServer, SandboxServer]
) -> None:
    code, out, err = cli(capsys, "--base-url", regions[0].url, "--api-key", PRO, "-f", "csv")
    assert code == 2
    assert err.count("\n") == 1 and "--format json" in err and out == ""


# --- the spec and the sandbox's switch -----------------------------------------------------------


def test_spec_headers_are_those_the_spec_declares() -> None:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    declared: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "headers" and isinstance(value, dict):
                    declared.update(name.lower() for name in value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec["paths"])
    walk(spec["components"]["responses"])
    assert declared == SPEC_HEADERS


def test_the_doctor_calls_every_operation_of_the_spec() -> None:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    operation_ids = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert set(OPERATIONS) == operation_ids
    assert len(OPERATIONS) == len(operation_ids)


def test_drift_mode_is_off_unless_asked() -> None:
    assert Sandbox().drift is False
    parser = build_parser()
    assert _sandbox_from(parser.parse_args([]), parser).drift is False
    assert _sandbox_from(parser.parse_args(["--drift"]), parser).drift is True
