"""#8 Data frames: `notai.to_pandas()` of 10,000 sessions vs the naive frame users build by hand.

8a `notai.to_pandas(sessions)` (one Arrow table built column by column from the models, converted to
pandas with UTC datetimes and nullable integers) vs `pd.DataFrame([s.to_dict() for s in sessions])`
followed by `pd.to_datetime` on the two date columns (target: at most 1x). Both start from the same
10,000 parsed `PublicSession`s, fetched once from an in-process sandbox, so the row measures only the
conversion: what a pager's `.to_pandas()` adds to the walk that both sides need anyway.
"""

from __future__ import annotations

from typing import Any

from .table import Config, Row, compare, measure


def run(cfg: Config) -> list[Row]:
    import httpx
    import pandas as pd

    import notai
    from notai.testing import FIXED_NOW, Sandbox, keys

    count = 1_000 if cfg.quick else 10_000
    sandbox = Sandbox(now=FIXED_NOW, seed=8, sessions=count)
    http = httpx.Client(transport=sandbox.transport())
    with notai.NotAI(keys()["pro"], base_url="http://127.0.0.1:9", http_client=http) as client:
        sessions = list(client.sessions.list(page_size=100))[:count]
    assert len(sessions) == count, len(sessions)

    def ours() -> Any:
        return notai.to_pandas(sessions)

    def naive() -> Any:
        df = pd.DataFrame([s.to_dict() for s in sessions])
        for column in ("createdAt", "updatedAt"):
            df[column] = pd.to_datetime(df[column], format="ISO8601")
        return df

    # Both give the same instants, so the row compares equal work.
    assert list(ours()["created_at"]) == list(naive()["createdAt"])
    blocks = 3
    times = measure({"notai.to_pandas": ours, "naive DataFrame + to_datetime": naive}, cfg.repeats, blocks=blocks)
    return [
        compare(
            "8a",
            times,
            "notai.to_pandas",
            "naive DataFrame + to_datetime",
            n=f"{count:,} sessions, {blocks} frames per repeat",
            unit="ms per frame",
            scale=1000 / blocks,
            target=("<=", 1.0),
            note="same parsed models on both sides; ours also types ints as Int64 and lists as Arrow lists",
        )
    ]
