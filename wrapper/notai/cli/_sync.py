"""`notai sync`: keep a database current with the API's data, through dlt (the `[sync]` extra).

With only the key set it loads into ./notai.duckdb, dataset `notai`. While it runs, stderr shows
a live line per table (on a terminal, with rich); at the end, stdout gets a summary of the rows
new and updated per table, the API calls made and the time taken (a table on a terminal, else
JSON). The tables, the state and what a rerun reads are described in docs/sync.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from typing import Any, TextIO

from ._context import Context
from ._errors import EXIT_CONFIG, EXIT_FILE, CliError
from ._output import dumps
from ._parser import Commands, iso
from ._progress import isatty
from ._table import rich_available

DEFAULT_DUCKDB = "notai.duckdb"
_STEPS = {
    "check": "checking the API for anything new",
    "connect": "reaching the destination",
    "resume": "loading what an interrupted sync read",
    "extract": "reading the API",
    "normalize": "preparing the load",
    "load": "loading",
}


def _hours(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of hours, got {text!r}") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {text}")
    return value


#: Each command's examples, shown at the end of its --help (tests/test_cli_help.py runs each through the parser).
EXAMPLES = {
    "sync": (
        "notai sync --duckdb notai.duckdb",
        "notai sync --duckdb notai.duckdb --details --start-date 2026-06-01",
    ),
}


def register(cli: Commands) -> None:
    """Add `notai sync`."""
    text = "keep a database current with the API's data (DuckDB by default, any dlt destination)"
    parser = cli.leaf(cli.top, "sync", text, sync)
    group = parser.add_argument_group("sync (needs: pip install 'notai[sync]'; see docs/sync.md)")
    group.add_argument("--duckdb", metavar="PATH", help=f"DuckDB file to load into (default ./{DEFAULT_DUCKDB})")
    group.add_argument(
        "--destination",
        metavar="NAME",
        help="any dlt destination instead (postgres, bigquery, snowflake, filesystem...), "
        "with its credentials in .dlt/secrets.toml or dlt's environment variables",
    )
    group.add_argument(
        "--dataset", metavar="NAME", help="dataset (schema) name (default notai; in a DuckDB file, its main schema)"
    )
    group.add_argument("--details", action="store_true", help="also load session_details (one call per session)")
    group.add_argument("--events", action="store_true", help="also load session_events (paged, per session)")
    group.add_argument(
        "--start-date", type=iso, metavar="DATE", help="first sync only: sessions created from this date on"
    )
    group.add_argument(
        "--lookback",
        type=_hours,
        metavar="HOURS",
        help="sessions created this long before the newest one are read again (default 168, a week)",
    )
    group.add_argument("--full-refresh", action="store_true", help="drop the tables and the state, and load it all")
    group.add_argument(
        "--pipelines-dir", metavar="DIR", help="where dlt keeps the pipeline's working state (default ~/.dlt/pipelines)"
    )
    group.add_argument("--quiet", "-q", action="store_true", help="no live progress on stderr")


def sync(ctx: Context) -> int:
    """Run one sync; see the module docstring."""
    a = ctx.args
    if a.duckdb and a.destination and a.destination != "duckdb":
        raise CliError("pass either --duckdb PATH or --destination NAME, not both.")
    try:
        from notai.sync import settings

        # dlt's own log lines stay off stderr (errors are one line here), unless --debug or dlt's config says.
        settings.default_dlt_runtime("log_level", "INFO" if a.debug else "CRITICAL")
        from notai.sync import runner
    except ImportError as exc:
        raise CliError(
            f"notai sync needs the sync extra ({exc.name or exc} is missing): pip install 'notai[sync]'", EXIT_CONFIG
        ) from None
    fmt = ctx.format
    if a.rate_limit is None:
        a.rate_limit = "tier"  # a sync is long: pace it to the plan like an export
    client = ctx.client()
    from notai.sync import Tally

    live = Live(ctx.err, enabled=not a.quiet)
    tally = Tally(listener=live.update)
    lookback = settings.DEFAULT_LOOKBACK if a.lookback is None else dt.timedelta(hours=a.lookback)
    try:
        if a.destination and a.destination != "duckdb":
            target = runner.named_target(a.destination)
        else:
            target = runner.duckdb_target(a.duckdb or DEFAULT_DUCKDB)
    except runner.DestinationError as exc:
        raise CliError(str(exc), EXIT_FILE) from None
    dataset = a.dataset or target.default_dataset
    if why := target.reserved(dataset):
        raise CliError(f"--dataset {dataset}: {why}.")
    started = time.monotonic()
    try:
        outcome = runner.run(
            client,
            target,
            dataset=dataset,
            details=a.details,
            events=a.events,
            start_date=a.start_date,
            lookback=lookback,
            full_refresh=a.full_refresh,
            pipelines_dir=a.pipelines_dir,
            tally=tally,
            on_step=live.step,
        )
    except runner.DestinationError as exc:
        live.stop()
        raise CliError(str(exc), EXIT_FILE) from None
    except BaseException:
        live.stop()
        raise
    live.stop()
    outcome.elapsed = time.monotonic() - started
    summary = outcome.to_dict()
    if fmt == "table":
        _table(ctx.out, summary)
    elif fmt == "csv":
        ctx.out.write("table,new,updated\n")
        for name, count in summary["tables"].items():
            ctx.out.write(f"{name},{count['new']},{count['updated']}\n")
    else:
        ctx.out.write(dumps(summary, indent=2 if fmt == "json" else None) + "\n")
    ctx.out.flush()
    return 0


def _table(out: TextIO, summary: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"notai sync → {summary['destination']} (dataset {summary['dataset']})", title_justify="left")
    table.add_column("table")
    table.add_column("new", justify="right")
    table.add_column("updated", justify="right")
    for name, count in summary["tables"].items():
        table.add_row(name, f"{count['new']:,}", f"{count['updated']:,}")
    console = Console(file=out)
    console.print(table)
    resumed = f", finished {summary['resumed_packages']} interrupted load(s)" if summary["resumed_packages"] else ""
    console.print(f"{summary['api_requests']:,} API requests, {summary['elapsed_seconds']:.1f} s{resumed}")


class Live:
    """A live line per table on stderr (rich, on a terminal only), and one for the current step."""

    def __init__(self, err: TextIO, *, enabled: bool) -> None:
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}
        if enabled and rich_available() and isatty(err):
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=Console(file=err)
            )
            self._progress.start()
            self._step = self._progress.add_task("starting", total=None)

    def step(self, name: str) -> None:
        """Show which step the sync is in."""
        if self._progress is not None:
            self._progress.update(self._step, description=_STEPS.get(name, name))

    def update(self, tally: Any, table: str) -> None:
        """Redraw `table`'s line from the tally."""
        if self._progress is None:
            return
        count = tally.tables[table]
        text = f"{table:<16} {count.new:>9,} new {count.updated:>7,} updated"
        if table not in self._tasks:
            self._tasks[table] = self._progress.add_task(text, total=None)
        else:
            self._progress.update(self._tasks[table], description=text)

    def stop(self) -> None:
        """Remove the live lines."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
