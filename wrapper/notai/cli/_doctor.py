"""`notai doctor`: the key, region, plan tier and clock checks, and the drift of live responses from the spec."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from ._context import Context
from ._errors import EXIT_CHECK_FAILED, EXIT_DRIFT, EXIT_OK, EXIT_USAGE, CliError, redact
from ._output import dumps
from ._parser import Commands

if TYPE_CHECKING:  # the SDK's doctor loads with the client, not for `notai --help`
    from .._doctor import DoctorReport


def doctor(ctx: Context) -> int:
    """`notai doctor`: print the report; exit 0 when nothing drifted and no check failed."""
    fmt = ctx.settings.format
    if fmt == "csv":
        raise CliError("notai doctor prints text or JSON: use --format json (or jsonl), or no --format.", EXIT_USAGE)
    report = ctx.client().doctor(other_base_url=ctx.args.other_base_url)
    if fmt in ("json", "jsonl"):
        text = dumps(report.to_dict(), indent=2 if fmt == "json" else None) + "\n"
    else:
        text = human(report)
    ctx.out.write(redact(text, ctx.secret))
    ctx.out.flush()
    if report.drift:
        return EXIT_DRIFT
    return EXIT_OK if report.ok else EXIT_CHECK_FAILED


def human(report: DoctorReport) -> str:
    """Return the report as text: one line per check, then the drift grouped by operation."""
    lines = [f"notai doctor: {report.base_url} (region {report.region})"]
    lines += [f"  {check.status:<5} {check.name:<12} {check.detail}" for check in report.checks]
    if report.drift:
        operations = {drift.operation for drift in report.drift}
        lines.append(f"drift from the spec: {len(report.drift)} findings in {len(operations)} operations")
        for operation, found in groupby(report.drift, key=lambda drift: drift.operation):
            lines.append(f"  {operation}")
            lines += [f"    {drift.kind:<18} {drift.path:<24} {drift.detail}" for drift in found]
    else:
        lines.append(f"no drift: the {len(report.checked)} operations checked answered as the spec says.")
    if report.unchecked:
        lines.append("not checked:")
        lines += [f"  {operation:<17} {reason}" for operation, reason in report.unchecked]
    return "\n".join(lines) + "\n"


#: Each command's examples, shown at the end of its --help (tests/test_cli_help.py runs each through the parser).
EXAMPLES = {
    "doctor": (
        "notai doctor",
        "notai doctor --format json",
    ),
}


def register(cli: Commands) -> None:
    """Add `notai doctor`."""
    p = cli.leaf(cli.top, "doctor", "check the key, region, tier and clock, and the API's drift from the spec", doctor)
    p.add_argument(
        "--other-base-url",
        metavar="URL",
        help="the other region's host, tried when the key is rejected (default: the other region's API host "
        "when --base-url is unset)",
    )
