"""`client.doctor()`'s driver: runs the doctor's plan (`_doctor`), making each call it asks for."""

from __future__ import annotations

from .._core import Endpoint
from .._doctor import DoctorReport, Outcome, plan_of, target
from .._exceptions import NotAIError
from ..resources._base import whole
from .request import arequest


async def arun(endpoint: Endpoint, other_base_url: str | None = None) -> DoctorReport:
    """Run the doctor's checks through `endpoint` and return the report.

    Args:
        endpoint: The client's settings (host, key, region, timeouts).
        other_base_url: Where to try the key after a 401, already checked; None: the other
            region's production host when `endpoint` is a region's, else no cross-region try.

    Returns:
        The report; every failure is in it, none is raised.
    """
    plan = plan_of(endpoint, other_base_url)
    outcome: Outcome | None = None
    while True:
        try:
            call = plan.send(outcome)  # type: ignore[arg-type]
        except StopIteration as done:
            report: DoctorReport = done.value
            return report
        try:
            outcome = await arequest(
                target(endpoint, call),
                call.op,
                call.model,
                *call.args,
                options={},
                unwrap=whole,
                authenticated=call.authenticated,
                **call.kwargs,
            )
        except NotAIError as error:
            outcome = error
