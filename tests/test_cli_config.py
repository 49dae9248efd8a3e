"""CLI profiles and the precedence table of docs/cli.md: one test per row, each level against the ones below it.

Every test runs with XDG_CONFIG_HOME in a directory of its own (tests/conftest.py), so the user's
real config file is never read or written, and with `keyring` unimportable unless a test fakes it.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from notai.cli import main
from notai.testing import FIXED_NOW, Sandbox, keys
from tests.test_cli import Run

US: dict[str, str] = {str(tier): key for tier, key in keys("us").items()}
EU: dict[str, str] = {str(tier): key for tier, key in keys("eu").items()}
Cli = Callable[..., Run]


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    """One in-process sandbox for the module, rate limits off."""
    sb = Sandbox(now=FIXED_NOW, seed=3, sessions=10)
    sb.limiter.enabled = False
    return sb


class Recorder(httpx.BaseTransport):
    """The sandbox's transport, keeping each request's host and auth headers."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(httpx.Request(request.method, request.url, headers=request.headers.copy()))
        return self.inner.handle_request(request)


@pytest.fixture
def recorder(sandbox: Sandbox) -> Recorder:
    return Recorder(sandbox.transport())


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], recorder: Recorder) -> Cli:
    """`cli(*argv)` runs `notai ARGV` in-process over the sandbox (no key added)."""

    def run(*argv: str) -> Run:
        code = main(list(argv), transport=recorder)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def config_file() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "notai" / "config.toml"


def write_profiles(profiles: dict[str, dict[str, str]], current: str | None = None) -> None:
    """Write the config file directly (the `config set` tests go through the command)."""
    lines = [f'current = "{current}"'] if current else []
    for name, settings in profiles.items():
        lines.append(f'[profiles."{name}"]')
        lines += [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text("\n".join(lines) + "\n")


def whoami(cli: Cli, *argv: str) -> dict[str, Any]:
    result = cli("whoami", *argv)
    assert result.code == 0, result.err
    body: dict[str, Any] = result.json()
    return body


# Row "profile": --profile, then NOTAI_PROFILE, then the one `notai config use` chose, then `default`.
@pytest.mark.parametrize(
    ("flag", "env", "current", "tier"),
    [("flagged", "envd", "used", "free"), (None, "envd", "used", "pro"), (None, None, "used", "enterprise"),
     (None, None, None, "eu pro")],
)  # fmt: skip
def test_row_profile(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, flag: str | None, env: str | None, current: str | None, tier: str
) -> None:
    """The profile comes from --profile, else NOTAI_PROFILE, else `config use`, else the one named default."""
    write_profiles(
        {
            "flagged": {"api_key": US["free"]},
            "envd": {"api_key": US["pro"]},
            "used": {"api_key": US["enterprise"]},
            "default": {"api_key": EU["pro"], "region": "eu"},
        },
        current=current,
    )
    if env:
        monkeypatch.setenv("NOTAI_PROFILE", env)
    body = whoami(cli, *(["--profile", flag] if flag else []))
    assert body["tier"] == tier.split()[-1] and (body["region"] == "eu") == tier.startswith("eu")


# Row "API key": --api-key, then ISNOTAI_API_KEY, then the profile's api_key, then none (exit 3).
@pytest.mark.parametrize(
    ("flag", "env", "profile", "tier"),
    [("free", "pro", "enterprise", "free"), (None, "pro", "enterprise", "pro"),
     (None, None, "enterprise", "enterprise")],
)  # fmt: skip
def test_row_api_key(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, flag: str | None, env: str | None, profile: str, tier: str
) -> None:
    """The key comes from --api-key, else ISNOTAI_API_KEY, else the profile."""
    write_profiles({"default": {"api_key": US[profile]}})
    if env:
        monkeypatch.setenv("ISNOTAI_API_KEY", US[env])
    assert whoami(cli, *(["--api-key", US[flag]] if flag else []))["tier"] == tier


def test_row_api_key_default_is_none(cli: Cli) -> None:
    """With no key anywhere, a command that needs one exits 3 and names all three places to put one."""
    result = cli("whoami")
    assert result.code == 3
    assert "--api-key" in result.err and "ISNOTAI_API_KEY" in result.err and "notai config set api_key" in result.err


# Row "region": --region, then ISNOTAI_REGION, then the profile's region, then us.
@pytest.mark.parametrize(
    ("flag", "env", "profile", "expected"),
    [("eu", "us", "us", "eu"), (None, "eu", "us", "eu"), (None, None, "eu", "eu"), (None, None, None, "us")],
)
def test_row_region(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, flag: str | None, env: str | None, profile: str | None, expected: str
) -> None:
    """The region comes from --region, else ISNOTAI_REGION, else the profile, else us; the host follows it."""
    key = (EU if expected == "eu" else US)["pro"]
    write_profiles({"default": {"api_key": key, **({"region": profile} if profile else {})}})
    if env:
        monkeypatch.setenv("ISNOTAI_REGION", env)
    body = whoami(cli, *(["--region", flag] if flag else []))
    host = "api-eu.isnotai.com" if expected == "eu" else "api.isnotai.com"
    assert (body["region"], body["baseUrl"]) == (expected, f"https://{host}")  # and the region's key was accepted


# Row "base URL": --base-url, then ISNOTAI_BASE_URL, then the profile's base_url, then the region's host.
@pytest.mark.parametrize(
    ("flag", "env", "profile", "expected"),
    [(1, 2, 3, 1), (None, 2, 3, 2), (None, None, 3, 3), (None, None, None, None)],
)
def test_row_base_url(
    cli: Cli,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    flag: int | None,
    env: int | None,
    profile: int | None,
    expected: int | None,
) -> None:
    """The host comes from --base-url, else ISNOTAI_BASE_URL, else the profile, else the region's host."""

    def url(port: int) -> str:
        return f"http://127.0.0.1:{port}"

    write_profiles({"default": {"api_key": US["pro"], **({"base_url": url(profile)} if profile else {})}})
    if env:
        monkeypatch.setenv("ISNOTAI_BASE_URL", url(env))
    body = whoami(cli, *(["--base-url", url(flag)] if flag else []))
    want = url(expected) if expected else "https://api.isnotai.com"
    assert body["baseUrl"] == want
    assert str(recorder.requests[-1].url).startswith(want + "/v1/")


# Row "auth header": --auth-header, then NOTAI_AUTH_HEADER, then the profile's auth_header, then bearer.
@pytest.mark.parametrize(
    ("flag", "env", "profile", "expected"),
    [("bearer", "x-api-key", "x-api-key", "bearer"), (None, "x-api-key", "bearer", "x-api-key"),
     (None, None, "x-api-key", "x-api-key"), (None, None, None, "bearer")],
)  # fmt: skip
def test_row_auth_header(
    cli: Cli,
    recorder: Recorder,
    monkeypatch: pytest.MonkeyPatch,
    flag: str | None,
    env: str | None,
    profile: str | None,
    expected: str,
) -> None:
    """The header the key goes in comes from --auth-header, else NOTAI_AUTH_HEADER, else the profile, else bearer."""
    write_profiles({"default": {"api_key": US["pro"], **({"auth_header": profile} if profile else {})}})
    if env:
        monkeypatch.setenv("NOTAI_AUTH_HEADER", env)
    whoami(cli, *(["--auth-header", flag] if flag else []))
    sent = recorder.requests[-1].headers
    assert ("x-api-key" in sent) == (expected == "x-api-key")
    assert ("authorization" in sent) == (expected == "bearer")


# Row "format": --format, then NOTAI_FORMAT, then the profile's format, then a table on a terminal, else JSON.
@pytest.mark.parametrize(
    ("flag", "env", "profile", "expected"),
    [("csv", "jsonl", "jsonl", "csv"), (None, "csv", "jsonl", "csv"), (None, None, "csv", "csv"),
     (None, None, None, "json")],
)  # fmt: skip
def test_row_format(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, flag: str | None, env: str | None, profile: str | None, expected: str
) -> None:
    """The output format comes from --format, else NOTAI_FORMAT, else the profile, else JSON off a terminal."""
    write_profiles({"default": {"api_key": US["pro"], **({"format": profile} if profile else {})}})
    if env:
        monkeypatch.setenv("NOTAI_FORMAT", env)
    result = cli("stats", *(["--format", flag] if flag else []))
    assert result.code == 0, result.err
    if expected == "json":
        assert isinstance(json.loads(result.out), dict)
    else:
        assert result.out.count("\n") == 2 and not result.out.startswith("{")  # a CSV header and one row


# Rows "region against base URL": the one given at the higher level decides the host; at one level they must agree.
def test_region_flag_beats_base_url_from_environment(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 20: `--region eu whoami` with ISNOTAI_BASE_URL set printed region eu beside a US integration."""
    monkeypatch.setenv("ISNOTAI_BASE_URL", "http://127.0.0.1:8080")
    body = whoami(cli, "--region", "eu", "--api-key", EU["pro"])
    assert (body["region"], body["baseUrl"]) == ("eu", "https://api-eu.isnotai.com")


def test_region_from_environment_beats_base_url_from_profile(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """ISNOTAI_REGION is above a profile's base URL, so it decides the host."""
    write_profiles({"default": {"api_key": EU["pro"], "base_url": "http://127.0.0.1:8080"}})
    monkeypatch.setenv("ISNOTAI_REGION", "eu")
    assert whoami(cli)["baseUrl"] == "https://api-eu.isnotai.com"


def test_base_url_flag_on_a_region_host_beats_region_from_environment(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--base-url on the EU host beats ISNOTAI_REGION=us, and whoami says eu: the region actually used."""
    monkeypatch.setenv("ISNOTAI_REGION", "us")
    body = whoami(cli, "--base-url", "https://api-eu.isnotai.com", "--api-key", EU["pro"])
    assert (body["region"], body["baseUrl"]) == ("eu", "https://api-eu.isnotai.com")


@pytest.mark.parametrize(
    ("argv", "env", "named"),
    [
        (["--region", "eu", "--base-url", "https://api.isnotai.com"], {}, ("--region eu", "--base-url")),
        ([], {"ISNOTAI_REGION": "eu", "ISNOTAI_BASE_URL": "https://api.isnotai.com"}, ("ISNOTAI_REGION=eu",)),
    ],
)
def test_region_and_base_url_at_one_level_that_disagree_are_refused(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str], named: tuple[str, ...]
) -> None:
    """A region and another region's host, given at one level, exit 3 with one line naming both and the fix."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = cli("whoami", "--api-key", EU["pro"], *argv)
    assert result.code == 3
    assert result.err.count("\n") == 1 and "disagree" in result.err and "https://api-eu.isnotai.com" in result.err
    assert all(name in result.err for name in named)


def test_region_and_base_url_in_one_profile_that_disagree_are_refused(cli: Cli) -> None:
    write_profiles({"default": {"api_key": EU["pro"], "region": "eu", "base_url": "https://api.isnotai.com"}})
    result = cli("whoami")
    assert result.code == 3 and "profile 'default': region eu and profile 'default': base_url" in result.err


def test_doctor_reports_the_region_and_host_used(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """`notai doctor --region eu` with ISNOTAI_BASE_URL set checks, and names, the EU host."""
    monkeypatch.setenv("ISNOTAI_BASE_URL", "http://127.0.0.1:8080")
    result = cli("doctor", "--region", "eu", "--api-key", EU["pro"], "--format", "json")
    report = json.loads(result.out)
    assert (report["region"], report["baseUrl"]) == ("eu", "https://api-eu.isnotai.com"), result.err
    assert result.code == 0, result.err


# The file and the commands.
def test_config_set_creates_a_private_file_and_never_prints_the_key(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """`config set api_key -` reads stdin; the file is mode 0600; list, get and the note show the key masked."""
    key = US["pro"]
    monkeypatch.setattr(sys, "stdin", _Stdin(key + "\n"))
    first = cli("config", "set", "api_key", "-")
    assert first.code == 0, first.err
    assert stat.S_IMODE(config_file().stat().st_mode) == 0o600
    assert stat.S_IMODE(config_file().parent.stat().st_mode) == 0o700
    assert [p.name for p in config_file().parent.iterdir()] == ["config.toml"]  # no temporary file left behind
    runs = [first, cli("config", "set", "region", "US"), cli("config", "list"), cli("config", "get", "api_key")]
    assert all(r.code == 0 for r in runs)
    assert runs[3].out == f"aik_v1_…{key[-4:]}\n"
    assert "region=us" in runs[2].out and "* default" in runs[2].out
    for r in runs:
        assert key not in r.out + r.err and key[7:20] not in r.out + r.err
    assert whoami(cli)["tier"] == "pro"  # and the stored key is the one used


def test_config_use_switches_the_profile(cli: Cli) -> None:
    """`config use NAME` makes NAME the profile; an unknown NAME exits 3 listing the profiles."""
    assert cli("config", "set", "api_key", US["pro"]).code == 0  # the first profile set becomes the current one
    assert cli("config", "set", "--profile", "eu", "region", "eu").code == 0
    assert cli("config", "set", "--profile", "eu", "api_key", EU["pro"]).code == 0
    assert whoami(cli)["region"] == "us"
    missing = cli("config", "use", "nope")
    assert missing.code == 3 and "profiles: default, eu" in missing.err
    assert cli("config", "use", "eu").code == 0
    assert whoami(cli)["region"] == "eu"
    assert "* eu" in cli("config", "list").out


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["config", "set", "region", "mars"], "use us or eu"),
        (["config", "set", "format", "xml"], "table, json, jsonl, csv"),
        (["config", "set", "base_url", "http://example.com"], "plain http"),
        (["config", "set", "api_key", "not a key"], "whitespace"),
        (["config", "set", "colour", "red"], "api_key, region, base_url, auth_header, format"),
        (["config", "set", "--profile", "../x", "region", "eu"], "profile name"),
        (["--profile", "nope", "whoami"], "no profile 'nope'"),
    ],
)
def test_bad_config_input_is_one_line_saying_what_fits(cli: Cli, argv: list[str], says: str) -> None:
    result = cli(*argv)
    assert result.code in (2, 3)
    assert result.err.count("\n") == 1 and says in result.err
    assert not config_file().exists() or "../x" not in config_file().read_text()


def test_a_broken_config_file_names_itself(cli: Cli) -> None:
    config_file().parent.mkdir(parents=True)
    config_file().write_text("current = [unclosed\n")
    result = cli("whoami", "--api-key", US["pro"])
    assert result.code == 3 and str(config_file()) in result.err


class _Stdin:
    """A non-terminal stdin holding `text`."""

    def __init__(self, text: str) -> None:
        self.text = text

    def isatty(self) -> bool:
        return False

    def readline(self) -> str:
        return self.text


def test_keyring_keeps_the_key_out_of_the_file(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """With `keyring` importable, the key goes to the keyring and the file only says so (a fake backend)."""
    vault: dict[tuple[str, str], str] = {}
    fake = types.SimpleNamespace(
        set_password=lambda service, user, secret: vault.__setitem__((service, user), secret),
        get_password=lambda service, user: vault.get((service, user)),
    )
    monkeypatch.setitem(sys.modules, "keyring", fake)
    result = cli("config", "set", "api_key", US["enterprise"])
    assert result.code == 0 and "keyring" in result.err
    assert vault == {("notai", "default"): US["enterprise"]}
    assert "aik_v1_" not in config_file().read_text()
    assert whoami(cli)["tier"] == "enterprise"
    assert "(in the system keyring)" in cli("config", "list").out


def test_keyring_without_a_backend_falls_back_to_the_file(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """A keyring that cannot store (no backend on a headless machine) leaves the key in the 0600 file."""

    def refuse(service: str, user: str, secret: str) -> None:
        raise RuntimeError("No recommended backend was available.")

    monkeypatch.setitem(sys.modules, "keyring", types.SimpleNamespace(set_password=refuse))
    assert cli("config", "set", "api_key", US["pro"]).code == 0
    assert US["pro"] in config_file().read_text()
    assert whoami(cli)["tier"] == "pro"
