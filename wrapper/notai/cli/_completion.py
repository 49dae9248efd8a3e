"""`notai completion bash|zsh|fish`: a completion script generated from the parser itself, with shtab.

Commands, options and choice values (formats, periods, `--json` field names) come from the same
argparse tree that parses the command line, so the script cannot fall behind it.
"""

from __future__ import annotations

import argparse

from ._context import Context
from ._errors import EXIT_USAGE, CliError
from ._parser import Commands

SHELLS = ("bash", "zsh", "fish")
INSTALL = """\
  bash:  echo 'eval "$(notai completion bash)"' >> ~/.bashrc
  zsh:   notai completion zsh > "${fpath[1]}/_notai"   (then start a new shell)
  fish:  notai completion fish > ~/.config/fish/completions/notai.fish"""


def script(shell: str) -> str:
    """Return the completion script of `notai` for `shell`."""
    try:
        import shtab
    except ImportError:
        raise CliError("notai completion needs shtab: pip install 'notai[cli]'.", EXIT_USAGE) from None
    from ._app import NOUNS
    from ._parser import build_parser

    text: str = shtab.complete(build_parser(NOUNS), shell=shell)
    return text if text.endswith("\n") else text + "\n"


def completion(ctx: Context) -> None:
    """`notai completion SHELL`: print the script."""
    ctx.out.write(script(ctx.args.shell))
    ctx.out.flush()


#: Each command's examples, shown at the end of its --help (tests/test_cli_help.py runs each through the parser).
EXAMPLES = {
    "completion": (
        "notai completion bash > ~/.local/share/bash-completion/completions/notai",
        "notai completion zsh",
    ),
}


def register(cli: Commands) -> None:
    """Add `notai completion`."""
    text = "print a shell completion script for bash, zsh or fish"
    p = cli.top.add_parser(
        "completion",
        help=text,
        description=f"{text}. Install it with:\n{INSTALL}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("shell", metavar="SHELL", choices=SHELLS, help="bash, zsh or fish")
    p.set_defaults(handler=completion)
