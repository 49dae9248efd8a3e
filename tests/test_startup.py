"""What starting up loads (issue 20 section 11): never a timing, always which modules a fresh process imported.

`notai --version`, `notai --help` and `notai completion` load neither httpx nor the generated models;
`import notai` loads them only when a name that needs them is first used, and every public name still
works, `from notai import X` included; errors still pickle across processes.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import textwrap

import pytest

import notai

HEAVY = ("httpx", "notai_api", "notai_api.models", "notai._client", "notai._core", "dateutil")


def fresh(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter (no ISNOTAI_* from the test run, plus `env`)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ISNOTAI_", "NOTAI_"))}
    return subprocess.run(  # noqa: S603 - this interpreter and the test's own code
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**clean, **env},
    )


def loaded_by(argv: list[str], *also: str, **env: str) -> tuple[list[str], str]:
    """Run `notai ARGV` in a fresh process; return which of HEAVY, `notai.cli._app` and `also` it loaded, and stdout."""
    result = fresh(
        f"""
        import contextlib, io, json, sys
        from notai.cli import main
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                code = main({argv!r})
            except SystemExit as exit_:
                code = exit_.code
        names = {[*HEAVY, "notai.cli._app", *also]!r}
        print(json.dumps([code, [name for name in names if name in sys.modules], out.getvalue()]))
        """,
        **env,
    )
    assert result.returncode == 0, result.stderr
    code, names, out = json.loads(result.stdout)
    assert code == 0, result.stderr
    return names, out


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["completion", "bash"],
        ["help", "environment"],
        ["sessions", "list", "--help"],
        ["--debug", "--version"],
    ],
)
@pytest.mark.parametrize("base_url", [None, "http://127.0.0.1:9"])
def test_help_and_completion_load_neither_httpx_nor_the_models(argv: list[str], base_url: str | None) -> None:
    """Not even with a base URL in the environment (resolving it once imported httpx for every command)."""
    names, out = loaded_by(argv, **({"ISNOTAI_BASE_URL": base_url} if base_url else {}))
    assert out
    assert [name for name in names if name != "notai.cli._app"] == []


def test_version_alone_does_not_even_build_the_parser() -> None:
    """`notai --version` is answered before the commands are imported, and names the versions that matter."""
    names, out = loaded_by(["--version"])
    assert names == []
    assert out.startswith(f"notai {notai.__version__} (")
    assert "httpx 0." in out


def test_import_notai_loads_the_models_and_httpx_only_when_a_name_needs_them() -> None:
    result = fresh(
        f"""
        import sys
        heavy = {HEAVY!r}
        import notai
        print(sorted(name for name in heavy if name in sys.modules))
        print(notai.__version__)
        notai.Region  # the region enum: still no HTTP client
        print(sorted(name for name in heavy if name in sys.modules))
        from notai import NotAI
        print(sorted(name for name in ("notai._client", "notai_api.models", "httpx") if name in sys.modules))
        print(NotAI is notai.NotAI)
        """
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "[]"
    assert lines[1] == notai.__version__
    assert "notai._client" not in lines[2] and "notai_api.models" not in lines[2]
    assert lines[3] == "['httpx', 'notai._client', 'notai_api.models']"
    assert lines[4] == "True"


def test_every_public_name_resolves_in_a_fresh_process() -> None:
    """Each name of `notai.__all__`, by attribute and by `from notai import`, is the object its module defines."""
    result = fresh(
        """
        import importlib, notai
        for name in notai.__all__:
            assert name in dir(notai), name
            exec(f"from notai import {name} as value")
            assert value is getattr(notai, name), name
        from notai import *  # noqa: F403
        assert NotAIError is importlib.import_module("notai._exceptions").NotAIError
        assert types is importlib.import_module("notai.types")
        try:
            notai.NoSuchName
        except AttributeError as exc:
            print(exc)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "module 'notai' has no attribute 'NoSuchName'"


def test_every_public_name_is_its_modules_object() -> None:
    """In this process too: nothing is a copy or a stand-in."""
    import notai._exceptions
    import notai._sync.client
    import notai._sync.pager

    assert notai.NotAI is notai._sync.client.NotAI
    assert notai.RateLimitError is notai._exceptions.RateLimitError
    assert notai.SyncPager is notai._sync.pager.SyncPager
    assert set(notai.__all__) <= set(dir(notai))


def test_errors_pickled_here_unpickle_in_a_fresh_process() -> None:
    """A pickled error names its defining module, which a fresh process imports on its own."""
    import httpx

    errors = [
        notai.InvalidParameterError("page_size", "page_size must be 1-100."),
        notai.RateLimitError("slow down", response=httpx.Response(429, headers={"retry-after": "3"}), code="RATE"),
        notai.ConfigurationError("no key"),
    ]
    result = fresh(
        f"""
        import pickle, sys
        for error in pickle.loads({pickle.dumps(errors)!r}):
            print(type(error).__module__, type(error).__name__, str(error)[:40])
        print("httpx" in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "notai._exceptions InvalidParameterError page_size must be 1-100."
    assert lines[1].startswith("notai._exceptions RateLimitError ")
    assert lines[2] == "notai._exceptions ConfigurationError no key"


#: The modules of the commands other than `sessions` (and one only export uses); `_config` is not among them:
#: every command that calls the API resolves its settings there.
OTHER_NOUNS = (
    *("notai.cli._users", "notai.cli._courses", "notai.cli._reports", "notai.cli._export", "notai.cli._sync"),
    *("notai.cli._api", "notai.cli._doctor", "notai.cli._sandbox", "notai.cli._completion", "notai.cli._help"),
    "notai.cli._state",
)


def test_sessions_list_imports_no_other_commands_module() -> None:
    """`notai sessions list` builds and imports its own branch of the tree only, and still prints the sessions."""
    result = fresh(
        f"""
        import contextlib, io, json, sys
        from notai.cli import main
        from notai.testing import Sandbox, keys
        out = io.StringIO()
        argv = ["sessions", "list", "--limit", "5", "--api-key", keys()["pro"]]
        with contextlib.redirect_stdout(out):
            code = main(argv, transport=Sandbox().transport())
        print(json.dumps([code, len(json.loads(out.getvalue())), [m for m in {OTHER_NOUNS!r} if m in sys.modules]]))
        """
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [0, 5, []]


def test_the_command_table_is_the_full_trees_top_level() -> None:
    """`COMMANDS` lists every top-level command of the full tree, in its order, with its line and its module."""
    import argparse

    from notai.cli._app import COMMANDS, NOUNS, nouns
    from notai.cli._parser import Commands, build_parser, subcommands

    full = build_parser(NOUNS)
    top = next(action for action in full._actions if isinstance(action, argparse._SubParsersAction))
    assert [(choice.dest, choice.help) for choice in top._choices_actions] == [(n, t) for n, t, _ in COMMANDS]
    for register in NOUNS:  # each module function adds exactly the commands the table gives it
        alone = argparse.ArgumentParser(prog="notai")
        register(Commands(alone.add_subparsers(dest="command")))
        where = f"{register.__module__.rpartition('.')[2]}.{register.__name__}"
        assert list(subcommands(alone)) == [name for name, _text, at in COMMANDS if at == where]
    assert build_parser(nouns([])).format_help() == full.format_help()
    assert build_parser(nouns(["sessions"])).format_help() == full.format_help()


def test_help_from_the_table_is_the_full_trees() -> None:
    """`notai --help` (no command module imported) prints what the full tree prints."""
    from notai.cli._app import NOUNS
    from notai.cli._parser import build_parser

    names, out = loaded_by(["--help"], *OTHER_NOUNS, "notai.cli._sessions")
    assert [name for name in names if name.startswith("notai.cli.")] == ["notai.cli._app"]
    assert out == build_parser(NOUNS).format_help()
