"""The read commands: one small function per operation, each a thin call into the SDK."""

from __future__ import annotations

from typing import Any

import notai

from ._context import Context
from ._output import COURSES, EVENTS, SESSIONS, USERS


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


def sessions_list(ctx: Context) -> None:
    """`notai sessions list`."""
    a, sessions = ctx.args, ctx.client().sessions

    def pager(size: int | None, cursor: str | None) -> notai.SyncPager[Any]:
        return sessions.list(
            status=a.status,
            bot_only=a.bot_only,
            start_date=a.start_date,
            end_date=a.end_date,
            page_size=size,
            cursor=cursor,
        )

    ctx.emit_list(SESSIONS, pager)


def sessions_get(ctx: Context) -> None:
    """`notai sessions get SESSION_ID`."""
    ctx.emit(ctx.client().sessions.get(ctx.args.session_id).to_dict())


def sessions_details(ctx: Context) -> None:
    """`notai sessions details SESSION_ID`."""
    ctx.emit(ctx.client().sessions.details(ctx.args.session_id).to_dict())


def sessions_events(ctx: Context) -> None:
    """`notai sessions events SESSION_ID`."""
    a, sessions = ctx.args, ctx.client().sessions

    def pager(size: int | None, cursor: str | None) -> notai.SyncPager[Any]:
        return sessions.events(
            a.session_id, type=a.type, start_time=a.start_time, end_time=a.end_time, page_size=size, cursor=cursor
        )

    ctx.emit_list(EVENTS, pager)


def users_list(ctx: Context) -> None:
    """`notai users list`."""
    a, users = ctx.args, ctx.client().users
    ctx.emit_list(USERS, lambda size, cursor: users.list(search=a.search, page_size=size, cursor=cursor))


def users_sessions(ctx: Context) -> None:
    """`notai users sessions USER_ID`."""
    a, users = ctx.args, ctx.client().users
    ctx.emit_list(SESSIONS, lambda size, cursor: users.sessions(a.user_id, page_size=size, cursor=cursor))


def courses_list(ctx: Context) -> None:
    """`notai courses list`."""
    courses = ctx.client().courses
    ctx.emit_list(COURSES, lambda size, cursor: courses.list(page_size=size, cursor=cursor))


def analytics(ctx: Context) -> None:
    """`notai analytics`."""
    ctx.emit(ctx.client().analytics.get(period=ctx.args.period, group_by=ctx.args.group_by).to_dict())


def stats(ctx: Context) -> None:
    """`notai stats`."""
    ctx.emit(ctx.client().stats.get().to_dict())


def usage(ctx: Context) -> None:
    """`notai usage`."""
    a = ctx.args
    ctx.emit(ctx.client().usage.get(start_date=a.start_date, end_date=a.end_date, metric=a.metric).to_dict())


def sandbox(ctx: Context) -> int:
    """`notai sandbox [...]`: the sandbox server's own command line, under this name."""
    from notai.testing._cli import main as serve

    try:
        return serve(ctx.args.passthrough, prog="notai sandbox")
    except SystemExit as exit_:  # its own --help, or a usage error it already printed
        return exit_.code if isinstance(exit_.code, int) else 2
