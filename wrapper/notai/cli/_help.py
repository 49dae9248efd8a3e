"""`notai help [environment | COMMAND ...]`: the connection options and their variables, or a command's help."""

from __future__ import annotations

import argparse

from ._context import Context
from ._errors import EXIT_USAGE, CliError
from ._parser import Commands, environment_help, subcommands

EXAMPLES = {"help": ("notai help environment", "notai help sessions list")}


def show(ctx: Context) -> None:
    """Print `notai help environment`, or the help of the command named (`notai help sessions list`)."""
    words: list[str] = ctx.args.topic
    if words == ["environment"]:
        ctx.out.write(environment_help())
        return
    parser: argparse.ArgumentParser = ctx.args.help_root
    for depth, word in enumerate(words):
        commands = subcommands(parser)
        if word not in commands:
            topics = ["environment", *commands] if depth == 0 else list(commands)
            where = " ".join(["notai", *words[:depth]])
            raise CliError(f"no help for {word!r} under `{where}`: try one of {', '.join(topics)}.", EXIT_USAGE)
        parser = commands[word]
    ctx.out.write(parser.format_help())


def register(cli: Commands) -> None:
    """Add `notai help`."""
    text = "the connection options and their variables (environment), or a command's help"
    parser = cli.top.add_parser("help", help=text, description=f"Print {text}.")
    parser.add_argument("topic", nargs="*", metavar="environment|COMMAND", help="environment, or a command")
    parser.set_defaults(handler=show, help_root=cli.root, help_prog=parser.prog)
