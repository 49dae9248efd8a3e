"""The CLI's help a person can scan (issue 20 section 8): own options first, connection options once, examples,
choices in the spec's order, usage errors that name the command's own --help, and `--type` errors that list types."""

from __future__ import annotations

import argparse
import re
import shlex
import typing
from pathlib import Path
from typing import Any, NoReturn

import httpx
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import notai
from notai.cli import main
from notai.cli._app import NOUNS
from notai.cli._parser import (
    ENVIRONMENT,
    EVENT_TYPES,
    GROUPS,
    METRICS,
    PERIODS,
    build_parser,
    commands_under,
    event_type_arg,
    examples_of,
    subcommands,
)
from notai.testing import FIXED_NOW, Sandbox, keys
from notai_api.models import GroupBy, Metric, Period

ROOT = Path(__file__).resolve().parent.parent
CONNECTION_FLAGS = ("--api-key", "--region", "--base-url", "--auth-header", "--timeout", "--max-retries", "--debug")


class _Refused(Exception):
    """A usage error of the parser, raised instead of exiting so a test can say which example failed."""


class _StrictParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _Refused(f"{self.prog}: {message}")


@pytest.fixture(scope="module")
def root() -> argparse.ArgumentParser:
    return build_parser(NOUNS, parser_class=_StrictParser)


def commands(root: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every command with help of its own (`notai sandbox` prints the sandbox's)."""
    return [parser for parser in commands_under(root) if parser.add_help]


def option_lines(text: str) -> list[str]:
    """The lines of a help text that introduce an option (`  --name ...` or `  -f, --format ...`)."""
    return [line for line in text.splitlines() if re.match(r"^  -", line)]


def parses(root: argparse.ArgumentParser, example: str) -> list[str]:
    """Parse an example up to any shell redirection or pipe; return what the parser left (raises _Refused)."""
    words = shlex.split(example, comments=True)
    assert words[0] == "notai"
    cut = next((i for i, word in enumerate(words) if word in (">", ">>", "|")), len(words))
    args, extra = root.parse_known_args(words[1:cut])
    return [] if args.command == "sandbox" else extra  # `notai sandbox` passes its options on


def test_connection_options_are_listed_once_in_the_top_help_and_hidden_after_a_command(
    root: argparse.ArgumentParser,
) -> None:
    """`notai --help` lists each connection option; no command's help repeats them, yet each command accepts them."""
    top = option_lines(root.format_help())
    for flag in CONNECTION_FLAGS:
        assert sum(line.lstrip().startswith(flag) for line in top) == 1, flag
    for parser in commands(root):
        listed = option_lines(parser.format_help())
        assert not [line for line in listed if line.lstrip().startswith(CONNECTION_FLAGS)], parser.prog
    args, _ = root.parse_known_args(["sessions", "list", "--region", "eu", "--timeout", "5"])
    assert (args.region, args.timeout) == ("eu", 5.0)


def test_a_commands_own_options_come_before_its_output_options(root: argparse.ArgumentParser) -> None:
    """`notai sessions list --help`: its filters, then paging, then the output options, then examples."""
    text = subcommands(subcommands(root)["sessions"])["list"].format_help()
    positions = [text.index(marker) for marker in ("--bot-only", "--limit", "output options:", "--format", "examples:")]
    assert positions == sorted(positions)
    assert option_lines(text)[1].lstrip().startswith("--status")  # right after -h: it used to be 25 shared lines


def test_every_command_has_one_to_three_examples_and_each_parses(root: argparse.ArgumentParser) -> None:
    """Each command's examples come from its noun module, and the parser accepts every one of them."""
    for parser in commands(root):
        examples = examples_of(parser)
        if subcommands(parser):  # a noun shows the first example of each action
            examples = tuple(e for child in subcommands(parser).values() for e in examples_of(child)[:1])
            assert len(examples) == len(subcommands(parser)), parser.prog
        else:
            assert 1 <= len(examples) <= 3, f"{parser.prog} has {len(examples)} examples"
        help_text = parser.format_help()
        for example in examples:
            assert f"  {example}\n" in help_text
            assert parses(root, example) == [], example


def test_top_level_examples_parse(root: argparse.ArgumentParser) -> None:
    """`notai --help` ends with a first tour whose commands parse, and says where the rest of the help is."""
    text = root.format_help()
    tour = text.split("examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert 1 <= len(tour) <= 3
    for line in tour:
        assert parses(root, line) == [], line
    assert "notai help environment" in text


def _spec_enum(name: str) -> list[str]:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    return [str(value) for value in spec["components"]["schemas"][name]["enum"]]


@pytest.mark.parametrize(
    ("values", "schema", "literal"),
    [(PERIODS, "Period", Period), (GROUPS, "GroupBy", GroupBy), (METRICS, "Metric", Metric)],
)
def test_choices_are_the_spec_enums_in_the_spec_order(values: tuple[str, ...], schema: str, literal: Any) -> None:
    """The CLI's choices are the spec's enum in its order, and the same values as the generated Literal."""
    assert list(values) == _spec_enum(schema)
    assert set(values) == set(typing.get_args(literal))


def test_period_choices_read_in_natural_order(root: argparse.ArgumentParser) -> None:
    """`--period {24h,7d,30d,90d}`, not sorted as text."""
    assert "--period {24h,7d,30d,90d}" in subcommands(root)["analytics"].format_help()
    assert "--group-by {hour,day,week}" in subcommands(root)["analytics"].format_help()


def test_event_types_are_the_ones_the_spec_documents() -> None:
    """EVENT_TYPES are the short names listEvents' `type` parameter description names (its bytes left out)."""
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    parameters = spec["paths"]["/v1/sessions/{sessionId}/events"]["get"]["parameters"]
    (param,) = [p for p in parameters if p.get("name") == "type"]
    named = [name for name in re.findall(r"`([^`]+)`", param["description"]) if not name[0].isdigit()]
    assert list(EVENT_TYPES) == named


def run(capsys: pytest.CaptureFixture[str], *argv: str, **kwargs: Any) -> tuple[int, str, str]:
    code = main(list(argv), **kwargs)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["sessions", "list", "--bogus"], "notai sessions list"),
        (["sessions", "list", "--limit", "0"], "notai sessions list"),
        (["analytics", "--period", "1y"], "notai analytics"),
        (["sessions", "lst"], "notai sessions"),
        (["export", "sessions"], "notai export sessions"),
        (["sessoins", "list"], "notai"),
    ],
)
def test_a_usage_error_points_to_the_help_of_the_command_given(
    capsys: pytest.CaptureFixture[str], argv: list[str], command: str
) -> None:
    """One line on stderr, exit 2, naming the --help of the command the user typed, not always `notai --help`."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.endswith(f"(see `{command} --help`)\n")


def test_a_period_error_lists_the_choices_in_natural_order(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "analytics", "--period", "1y")
    assert "'24h', '7d', '30d', '90d'" in err


@pytest.mark.parametrize("bad", ["a b", "300", "0x1FF", "-", "mouse-move", "0xZZ", "é"])
def test_a_malformed_type_is_refused_with_the_event_types(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    """A --type that is neither a byte nor a name never reaches the API; the error lists the types."""
    code, _, err = run(capsys, "sessions", "events", "some-session", f"--type={bad}", "--api-key", keys("us")["pro"])
    assert code == 2
    assert "init, mouse_move, keypress" in err
    assert "(see `notai sessions events --help`)" in err


def test_the_apis_400_for_an_unknown_type_lists_the_event_types(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--type wiggle` is name-shaped, so the API decides; its 400 then gets the list of types (list and export)."""
    sandbox = Sandbox(now=FIXED_NOW, seed=7, sessions=3)
    key = keys("us")["pro"]
    with httpx.Client(transport=sandbox.transport()) as http:
        session = notai.NotAI(key, http_client=http).sessions.list(page_size=1).first_page().items[0].id
    out = str(tmp_path / "events.jsonl")
    for argv in (["sessions", "events", session], ["export", "events", session, "--out", out, "--quiet"]):
        code, _, err = run(capsys, *argv, "--type", "wiggle", "--api-key", key, transport=sandbox.transport())
        assert code == 2, err
        assert "type must be" in err  # the server's own message stays
        assert "--type takes a message-type byte" in err
        assert "init, mouse_move, keypress" in err


@given(st.text(max_size=12))
def test_event_type_arg_returns_the_value_or_a_usage_error(text: str) -> None:
    """Hostile input: the --type check either keeps the (stripped) value or raises argparse's error, nothing else."""
    try:
        value = event_type_arg(text)
    except argparse.ArgumentTypeError as exc:
        assert "init, mouse_move, keypress" in str(exc)
    else:
        assert value == text.strip()
        assert value.isascii() and value.replace("_", "").isalnum()


def test_help_environment_lists_the_connection_options_and_their_variables(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "help", "environment")
    assert code == 0
    for flag in CONNECTION_FLAGS:
        assert f"\n  {flag}" in out
    for name, _ in ENVIRONMENT:
        assert f"\n  {name} " in out


def test_help_command_prints_a_commands_help(capsys: pytest.CaptureFixture[str]) -> None:
    """`notai help sessions list` is `notai sessions list --help`; an unknown topic names the known ones."""
    _, via_help, _ = run(capsys, "help", "sessions", "list")
    assert run(capsys, "sessions", "list", "--help") == (0, via_help, "")
    code, _, err = run(capsys, "help", "sessions", "nope")
    assert code == 2
    assert "try one of list, get, details, events" in err
