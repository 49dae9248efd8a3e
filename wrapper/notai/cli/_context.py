"""What a command runs with: its options, its streams, and an SDK client built on first use."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

import notai

from ._config import Settings, resolve
from ._dates import row_filter
from ._errors import EXIT_CONFIG, EXIT_USAGE, CliError
from ._fields import Export, json_export
from ._iostreams import IOStreams, Look
from ._output import Kind, Listing, Row, list_writer, printable, write_object
from ._progress import LiveCounter, isatty
from ._table import rich_available

if TYPE_CHECKING:  # httpx and the SDK's classes load when a command first needs a client, not for --help
    import httpx

#: Builds the pager of a list command from (page_size, cursor).
PagerFactory = Callable[[int | None, str | None], "notai.SyncPager[Any]"]


class Context:
    """One run of one command."""

    def __init__(
        self, args: argparse.Namespace, out: TextIO, err: TextIO, transport: httpx.BaseTransport | None
    ) -> None:
        self.args = args
        self.io = IOStreams(out, err, no_pager=getattr(args, "no_pager", False))  # terminal, colour, pager
        self.out = self.io.out
        self.err = self.io.err
        self._transport = transport
        self._client: notai.NotAI | None = None
        self._http: httpx.Client | None = None
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        """The key, region, host, auth header and format: each from its flag, environment, profile or default."""
        if self._settings is None:
            self._settings = resolve(self.args, os.environ)
        return self._settings

    @property
    def secret(self) -> str | None:
        """The key to blank out of messages: the one the command would use, as far as it resolves."""
        try:
            return self.settings.api_key
        except Exception:  # a broken config file: the flag or the variable, if any
            return self.args.api_key or os.environ.get("ISNOTAI_API_KEY")

    def client(self, *, needs_key: bool = True) -> notai.NotAI:
        """Return the SDK client, configured from the flags, the environment and the profile (in that order)."""
        a, s = self.args, self.settings
        if needs_key and not s.api_key:
            raise CliError(
                "no API key: pass --api-key, set ISNOTAI_API_KEY, or store one with `notai config set api_key -` "
                "(keys start with aik_v1_; mint one in the dashboard, dash.isnotai.com).",
                EXIT_CONFIG,
            )
        if self._client is None:
            # Only tests hand in a transport; otherwise the SDK's own pool, with its proxy policy.
            if self._transport is not None:
                import httpx

                self._http = httpx.Client(transport=self._transport)
            self._client = notai.NotAI(
                s.api_key,
                region=s.region,
                base_url=s.base_url,
                auth_header=s.auth_header,
                timeout=a.timeout,
                max_retries=a.max_retries,
                deadline=a.deadline,
                http_client=self._http,
                rate_limit=_rate_limit(a),
            )
        return self._client

    def close(self) -> None:
        """Close the client and the connection pool it was given."""
        if self._client is not None:
            self._client.close()
        if self._http is not None:
            self._http.close()
        self.io.stop_pager()

    @property
    def format(self) -> str:
        """The output format: as asked, else a table on a terminal and JSON anywhere else."""
        chosen: str | None = self.settings.format
        if chosen == "table" and not rich_available():
            raise CliError(
                "--format table needs the command line's extra: pip install 'notai[cli]' (or use --format json).",
                EXIT_USAGE,
            )
        if chosen:
            return chosen
        return "table" if isatty(self.out) and rich_available() else "json"

    @property
    def look(self) -> Look:
        """How tables are drawn: the terminal's width and colour (see _iostreams), and --columns."""
        return self.io.look(self.args.columns)

    def _json_export(self) -> Export | None:
        """--json/--jq, if given; refused with --columns, which chooses a table's or CSV's columns instead."""
        export = json_export(self.args)
        if export is not None and self.args.columns is not None:
            raise CliError("--columns chooses table and CSV columns, --json chooses JSON fields: give one.", EXIT_USAGE)
        return export

    def emit(self, obj: Row) -> None:
        """Write one object in the output format (through the pager on a terminal)."""
        self.io.start_pager()
        if (export := self._json_export()) is not None:  # --json/--jq (see _fields)
            export.write_object(self.out, obj)
            return
        write_object(self.format, self.out, obj, self.look, csv_raw=self.args.csv_raw)

    def emit_listing(self, listing: Listing) -> None:
        """Write a list command's list, filtered as the command line says."""
        client, given = self.client(), listing.given(self.args)
        self.emit_list(listing.kind, lambda size, cursor: listing.pager(client, given, size, cursor))

    def emit_list(self, kind: Kind, pager_for: PagerFactory) -> None:
        """Write a list page by page, stopping after `--limit` items unless `--all` (with a live count)."""
        a = self.args
        limit: int | None = None if a.all else a.limit
        size = a.page_size if a.page_size is not None or limit is None else min(limit, 100)
        export = self._json_export()  # --json/--jq (see _fields)
        writer = (
            export.list_writer(self.out)
            if export is not None
            else list_writer(self.format, self.out, kind, self.look, csv_raw=self.args.csv_raw)
        )
        if export is not None or self.format != "table":
            self.io.start_pager()  # streamed: page from the first item (and draw no live count over the pager)
        live = LiveCounter(self.err, kind.name, enabled=limit is None)
        keep = row_filter(a)
        shown, cut_short, resume_at = 0, False, None
        try:
            for page in pager_for(size, a.cursor).pages():
                rows = [item.to_dict() for item in page.items]
                if keep is not None:  # --since/--until where the API has no time filter
                    rows = [row for row in rows if keep(row)]
                if limit is not None and shown + len(rows) >= limit:
                    take = limit - shown
                    writer.write(rows[:take])
                    shown += take
                    cut_short = take < len(rows) or not page.is_last
                    resume_at = page.next_cursor if take == len(rows) and not page.is_last else None
                    break
                writer.write(rows)
                shown += len(rows)
                live.update(shown)
        finally:
            live.stop()
        self.io.start_pager()  # a table is drawn when the list ends
        writer.close()
        if cut_short:
            how = f", or --cursor {resume_at} to continue" if resume_at else ""
            self.note(
                f"showing the first {shown} {kind.name}; more are available: pass --all or a larger --limit{how}."
            )

    def note(self, text: str) -> None:
        """Write an informational line on stderr (`printable`: it can name a cursor the server sent)."""
        self.err.write(f"notai: {printable(text)}\n")
        self.err.flush()


def _rate_limit(args: argparse.Namespace) -> float | str | None:
    """Pace exports to the plan tier by default (they are long and can hit the limit); nothing else."""
    choice = args.rate_limit if args.rate_limit is not None else ("tier" if args.command == "export" else "off")
    return None if choice == "off" else choice
