"""`notai health|whoami|analytics|stats|usage`: the single-object commands."""

from __future__ import annotations

from ._context import Context
from ._fields import ANALYTICS, HEALTH, STATS, USAGE, WHOAMI, add_json_flags
from ._parser import GROUPS, METRICS, PERIODS, Commands, iso, metric_arg


def health(ctx: Context) -> None:
    """`notai health`: needs no key."""
    ctx.emit(ctx.client(needs_key=False).health().to_dict())


def whoami(ctx: Context) -> None:
    """`notai whoami`: the integration, plus the region, host and tier the call went to."""
    client = ctx.client()
    response = client.with_raw_response.integration.get()
    ctx.emit(
        {
            "region": client.region.value,
            "baseUrl": client.base_url,
            "tier": response.tier,
            "integration": response.parse().to_dict(),
        }
    )


def analytics(ctx: Context) -> None:
    """`notai analytics` (on a table, with a bar chart of its time series)."""
    ctx.emit(ctx.client().analytics.get(period=ctx.args.period, group_by=ctx.args.group_by).to_dict())


def stats(ctx: Context) -> None:
    """`notai stats`."""
    ctx.emit(ctx.client().stats.get().to_dict())


def usage(ctx: Context) -> None:
    """`notai usage`."""
    a = ctx.args
    ctx.emit(ctx.client().usage.get(start_date=a.start_date, end_date=a.end_date, metric=a.metric).to_dict())


#: Each command's examples, shown at the end of its --help (tests/test_cli_help.py runs each through the parser).
EXAMPLES = {
    "health": (
        "notai health",
        "notai --region eu health",
    ),
    "whoami": (
        "notai whoami",
        "notai whoami --format json",
    ),
    "analytics": (
        "notai analytics --period 30d --group-by week",
        "notai analytics --period 24h --group-by hour --format json",
    ),
    "stats": (
        "notai stats",
        "notai stats --format json",
    ),
    "usage": (
        "notai usage --metric ApiCalls",
        "notai usage --start-date 2026-06-01 --end-date 2026-06-30 --format csv",
    ),
}


def register_account(cli: Commands) -> None:
    """Add `notai health` and `notai whoami` (listed first in `notai --help`)."""
    add_json_flags(cli.leaf(cli.top, "health", "the regional stack's health (needs no key)", health), HEALTH)
    add_json_flags(cli.leaf(cli.top, "whoami", "the key's integration, region, host and plan tier", whoami), WHOAMI)


def register(cli: Commands) -> None:
    """Add `notai analytics`, `notai stats` and `notai usage`."""
    p = cli.leaf(cli.top, "analytics", "aggregated analytics", analytics)
    p.add_argument("--period", choices=PERIODS, help="time window (server default 7d)")
    p.add_argument("--group-by", choices=GROUPS, help="bucket size (server default day)")
    add_json_flags(p, ANALYTICS)
    add_json_flags(cli.leaf(cli.top, "stats", "high-level integration counters", stats), STATS)
    p = cli.leaf(cli.top, "usage", "your own API consumption", usage)
    p.add_argument("--start-date", type=iso, metavar="ISO", help="inclusive (server default: 30 days ago)")
    p.add_argument("--end-date", type=iso, metavar="ISO", help="inclusive (server default: today)")
    p.add_argument("--metric", type=metric_arg, help=", ".join(METRICS))
    add_json_flags(p, USAGE)
