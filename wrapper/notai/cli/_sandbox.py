"""`notai sandbox [...]`: the sandbox server's own command line, under this name."""

from __future__ import annotations

from ._context import Context
from ._parser import Commands


def sandbox(ctx: Context) -> int:
    """Run `python -m notai.testing` with the arguments given after `notai sandbox`."""
    from notai.testing._cli import main as serve

    try:
        return serve(ctx.args.passthrough, prog="notai sandbox")
    except SystemExit as exit_:  # its own --help, or a usage error it already printed
        return exit_.code if isinstance(exit_.code, int) else 2


def register(cli: Commands) -> None:
    """Add `notai sandbox`, whose options are the sandbox's own (see `notai sandbox --help`)."""
    parser = cli.top.add_parser(
        "sandbox", add_help=False, help="serve the local sandbox API (options: notai sandbox --help)"
    )
    parser.set_defaults(handler=sandbox)
