"""`notai completion bash|zsh|fish` (issue 20.4): scripts generated from the parser that complete commands,
options and choice values."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from notai.cli import main
from notai.cli._fields import SESSION

BASH = shutil.which("bash")
needs_bash = pytest.mark.skipif(BASH is None, reason="bash is not installed")


def script(capsys: pytest.CaptureFixture[str], shell: str) -> str:
    """The script `notai completion SHELL` prints."""
    assert main(["completion", shell]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.fixture
def bash_script(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """The bash script, in a file."""
    path = tmp_path / "notai.bash"
    path.write_text(script(capsys, "bash"))
    return path


def bash(command: str) -> str:
    """Run `command` in a non-interactive bash; return its stdout."""
    assert BASH is not None
    argv = [BASH, "--norc", "--noprofile", "-c", command]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=30)  # noqa: S603 - our own bash script
    assert done.returncode == 0, done.stderr
    return done.stdout


@needs_bash
def test_bash_script_parses_and_registers(bash_script: Path) -> None:
    """The script passes `bash -n`, and after sourcing it `complete -p notai` shows its function."""
    bash(f"bash -n {shlex.quote(str(bash_script))}")
    registered = bash(f"source {shlex.quote(str(bash_script))} && complete -p notai")
    assert registered.strip().endswith(" notai") and "-F _shtab_notai" in registered


def complete(script_path: Path, *words: str) -> list[str]:
    """What bash offers for the command line `words` (the last one being completed)."""
    line = " ".join(shlex.quote(word) for word in words)
    probe = (
        f"source {shlex.quote(str(script_path))}; COMP_WORDS=({line}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); "
        'COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _shtab_notai; '
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    return bash(probe).split()


@needs_bash
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("notai", "sess"), ["sessions"]),
        (("notai", "sessions", ""), ["list", "get", "details", "events"]),
        (("notai", "sessions", "list", "--fo"), ["--format"]),
        (("notai", "sessions", "list", "--format", ""), ["table", "json", "jsonl", "csv"]),
        (("notai", "analytics", "--period", ""), ["24h", "7d", "30d", "90d"]),
        (("notai", "sessions", "list", "--json", ""), list(SESSION.names)),
        (("notai", "sessions", "list", "--json", "bot"), ["botScore"]),
        (("notai", "api", "/v1/sessions", "--pag"), ["--paginate"]),
        (("notai", "completion", ""), ["bash", "zsh", "fish"]),
    ],
)
def test_bash_completes_commands_options_and_choices(
    bash_script: Path, words: tuple[str, ...], expected: list[str]
) -> None:
    """Commands, options, choice values and --json field names complete from the parser."""
    assert sorted(complete(bash_script, *words)) == sorted(expected)


def test_zsh_and_fish_scripts_name_the_commands_and_choices(capsys: pytest.CaptureFixture[str]) -> None:
    """The zsh and fish scripts are generated for the same tree: nouns, a nested action, choices, fields."""
    for shell, head in (("zsh", "#compdef notai"), ("fish", "")):
        text = script(capsys, shell)
        assert text.startswith(head)
        for word in ("sessions", "details", "analytics", "--paginate", "30d", "botScore", "completion"):
            assert word in text, (shell, word)


def test_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """`notai completion tcsh` exits 2 naming the shells it supports."""
    assert main(["completion", "tcsh"]) == 2
    err = capsys.readouterr().err
    assert "bash" in err and "fish" in err and err.count("\n") == 1


def test_without_shtab_the_message_says_how_to_get_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the [cli] extra, completion exits 2 with the pip command."""
    monkeypatch.setitem(sys.modules, "shtab", None)
    assert main(["completion", "bash"]) == 2
    assert "pip install 'notai[cli]'" in capsys.readouterr().err
