"""One sync from start to end: the pipeline, its destination, its three dlt steps, and errors worth one line.

A rerun into a DuckDB file first asks `quick.nothing_new` whether anything changed, which takes
a few requests and no dlt. Otherwise a sync first reaches the destination and restores the state
kept there (so a lost pipelines directory costs nothing), then loads any package an interrupted
sync left behind, and only then reads the API. dlt commits the state with the rows it describes,
in the same load package: a sync that dies at any step leaves either nothing or a package that the
next sync loads first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import notai
from notai._config import redact
from notai._exceptions import one_line

from . import quick, settings
from .helpers import Tally

if TYPE_CHECKING:  # dlt is imported when a sync needs it, not to decide that a rerun has nothing to do
    from dlt.common.destination.reference import TDestinationReferenceArg
    from dlt.pipeline.exceptions import PipelineStepFailed

#: Destinations whose loads are fastest from Parquet files (DuckDB), or that write Parquet (filesystem).
_PARQUET = ("duckdb", "filesystem")


class DestinationError(Exception):
    """The destination could not be reached or written; the message names it and what to check."""


@dataclass
class Target:
    """Where a sync loads: a dlt destination (made on use), how to name it to a person, and what to check."""

    make: Callable[[], TDestinationReferenceArg]
    kind: str
    place: str
    check: str
    default_dataset: str = settings.DATASET_NAME
    #: Load jobs run at once (dlt's default is 20).
    load_workers: int = 20

    @property
    def destination(self) -> TDestinationReferenceArg:
        """The dlt destination (made on use: making a DuckDB one imports dlt)."""
        return self.make()

    @property
    def name(self) -> str:
        """The destination as a person reads it: `duckdb (/path/notai.duckdb)`, `postgres`."""
        return self.kind if self.place == self.kind else f"{self.kind} ({self.place})"

    def reserved(self, dataset: str) -> str | None:
        """Why `dataset` cannot be used here, if it cannot."""
        if self.kind == "duckdb" and dataset.casefold() == Path(self.place).stem.casefold():
            return (
                f"a DuckDB file's catalog is named after the file, so a dataset {dataset!r} in {Path(self.place).name} "
                "would make every table name ambiguous: name another dataset (or leave it out) or another file"
            )
        return None


def duckdb_target(path: str | os.PathLike[str]) -> Target:
    """A DuckDB file; its tables go in the file's `main` schema unless a dataset is named.

    DuckDB names a file's catalog after the file, so in notai.duckdb a schema `notai` would make
    `notai.sessions` ambiguous (catalog or schema?). In `main`, `notai.sessions` and `sessions`
    both name the table.
    """
    file = Path(path).expanduser().resolve()
    check = (
        f"check that {file.parent} exists and is writable, and that no other program has {file.name} open "
        "(DuckDB allows one writer at a time)"
    )

    def make() -> TDestinationReferenceArg:
        import dlt
        from dlt.destinations.impl.duckdb.configuration import DuckDbCredentials

        # One DuckDB thread and one load job at a time: a sync's merges are small, and more threads or
        # jobs at once each hold buffers that make the peak memory grow with the load (bench row 6b).
        return dlt.destinations.duckdb(DuckDbCredentials(str(file), global_config={"threads": 1}))

    return Target(make, "duckdb", str(file), check, default_dataset="main", load_workers=1)


def named_target(name: str) -> Target:
    """Any dlt destination by name (`postgres`, `bigquery`, `filesystem`...), configured through dlt's own config."""
    env = f"DESTINATION__{name.upper()}__CREDENTIALS"
    if name == "filesystem":
        check = (
            "check DESTINATION__FILESYSTEM__BUCKET_URL ([destination.filesystem] in .dlt/config.toml) and its rights"
        )
    else:
        check = (
            f"check [destination.{name}.credentials] in .dlt/secrets.toml or {env}, and that the server is reachable"
        )
    return Target(lambda: name, name, name, check)


@dataclass
class Outcome:
    """What a sync did, for the summary."""

    tally: Tally
    elapsed: float = 0.0
    resumed: int = 0
    location: str = ""
    dataset: str = settings.DATASET_NAME

    def to_dict(self) -> dict[str, Any]:
        """Return the summary as JSON-ready values: destination, dataset, counts and timings."""
        return {
            "destination": self.location,
            "dataset": self.dataset,
            **self.tally.to_dict(),
            "resumed_packages": self.resumed,
            "elapsed_seconds": round(self.elapsed, 3),
        }


def pipeline_name(target: Target, dataset: str) -> str:
    """A pipeline name per destination and dataset, so two databases never share one state."""
    digest = hashlib.blake2b(f"{target.kind}|{target.place}|{dataset}".encode(), digest_size=4).hexdigest()
    return f"{settings.PIPELINE_NAME}_{digest}"


def run(
    client: notai.NotAI,
    target: Target,
    *,
    dataset: str = settings.DATASET_NAME,
    details: bool = False,
    events: bool = False,
    start_date: Any = None,
    lookback: dt.timedelta = settings.DEFAULT_LOOKBACK,
    full_refresh: bool = False,
    pipelines_dir: str | None = None,
    tally: Tally | None = None,
    on_step: Callable[[str], None] | None = None,
) -> Outcome:
    """Run one sync into `target`; raises notai's API errors as they are, DestinationError for the destination."""
    started = time.monotonic()
    outcome = Outcome(tally if tally is not None else Tally(), location=target.place, dataset=dataset)
    step = on_step or (lambda name: None)
    name = pipeline_name(target, dataset)
    if target.kind == "duckdb" and not full_refresh:
        step("check")
        if quick.nothing_new(
            client, Path(target.place), quick.working_dir(name, pipelines_dir), lookback, outcome.tally
        ):
            outcome.elapsed = time.monotonic() - started
            return outcome
    import dlt

    from ._source import source

    pipeline = dlt.pipeline(
        name,
        destination=target.destination,
        dataset_name=dataset,
        pipelines_dir=cast(str, pipelines_dir),  # None: dlt's default (~/.dlt/pipelines)
    )
    if (
        target.kind == "duckdb"
        and not Path(target.place).exists()
        and Path(pipeline.working_dir, "state.json").exists()
    ):
        # The file is gone (deleted, moved): the saved state describes rows that are not there any more.
        # dlt would keep that state and load only what changed since; start over instead.
        pipeline = pipeline.drop()
    fmt: Literal["parquet"] | None = "parquet" if target.kind in _PARQUET else None
    with _destination_errors(target, "nothing was read from the API yet"):
        step("connect")
        pipeline.sync_destination()
        if pipeline.has_pending_data:
            # An earlier sync stopped after reading the API: load what it read before reading more.
            pending = [*pipeline.list_extracted_load_packages(), *pipeline.list_normalized_load_packages()]
            outcome.resumed = len(pending)
            step("resume")
            pipeline.normalize()
            pipeline.load(workers=target.load_workers)
            pipeline.sync_destination()
    src = source(
        client,
        details=details,
        events=events,
        start_date=start_date,
        lookback=lookback,
        tally=outcome.tally,
        arrow=fmt == "parquet",
    )
    step("extract")
    from dlt.pipeline.exceptions import PipelineStepFailed

    try:
        pipeline.extract(src, refresh="drop_sources" if full_refresh else None, loader_file_format=fmt)
    except PipelineStepFailed as exc:
        raise _api_error(exc) from None
    with _destination_errors(target, "what this sync read is kept and loaded first by the next sync"):
        # Each step sets itself up (configuration, destination capabilities) even with nothing to do:
        # a rerun that found nothing new extracts no package, and skips both.
        if pipeline.list_extracted_load_packages():
            step("normalize")
            pipeline.normalize()
        if pipeline.list_normalized_load_packages():
            step("load")
            pipeline.load(workers=target.load_workers)
    if target.kind == "duckdb":
        quick.remember(Path(target.place), Path(pipeline.working_dir))
    outcome.elapsed = time.monotonic() - started
    return outcome


def _api_error(exc: PipelineStepFailed) -> BaseException:
    """The notai error (or interrupt) under a failed extract step, else the dlt error itself."""
    inner: BaseException | None = exc
    while inner is not None:
        if isinstance(inner, notai.NotAIError | KeyboardInterrupt):
            return inner
        inner = inner.__cause__ or inner.__context__ or getattr(inner, "exception", None)
    return exc


@contextlib.contextmanager
def _destination_errors(target: Target, then: str) -> Iterator[None]:
    """Turn a failure to reach or write the destination into one DestinationError line."""
    try:
        yield
    except DestinationError:
        raise
    except KeyboardInterrupt:
        raise
    except Exception as exc:
        raise DestinationError(
            f"cannot load into {target.name}: {_cause(exc)}; {target.check}. "
            f"The destination's state was not advanced: {then}."
        ) from None


def _cause(exc: BaseException) -> str:
    """The innermost error's first line, short, with anything key-shaped blanked."""
    inner: BaseException = exc
    seen = set()
    while id(inner) not in seen:
        seen.add(id(inner))
        nxt = getattr(inner, "exception", None) or inner.__cause__ or inner.__context__
        if not isinstance(nxt, BaseException):
            break
        inner = nxt
    text = str(inner).strip().splitlines()[0] if str(inner).strip() else type(inner).__name__
    return redact(one_line(text, limit=300), None)
