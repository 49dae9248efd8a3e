"""A session's events and details, generated on demand from the session's seed."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ._clock import TICKS_PER_MINUTE, TICKS_PER_MS, TICKS_PER_SECOND, format_ticks
from ._records import JSON, USER_AGENTS, Session

# (message-type byte, short name, family used by eventCounts/timeline)
EVENT_TYPES: tuple[tuple[int, str, str], ...] = (
    (1, "init", "other"),
    (2, "mouse_move", "mouse"),
    (3, "mouse_click", "mouse"),
    (4, "scroll", "scroll"),
    (5, "keypress", "keyboard"),
    (6, "touch_start", "touch"),
    (7, "touch_move", "touch"),
    (8, "focus", "other"),
    (9, "blur", "other"),
    (10, "form_input", "form"),
    (11, "form_submit", "form"),
    (12, "visibility_change", "other"),
    (13, "navigation", "other"),
    (14, "paste", "keyboard"),
    (15, "resize", "other"),
)
EVENT_NAMES: dict[int, str] = {code: name for code, name, _ in EVENT_TYPES}
EVENT_CODES: dict[str, int] = {name: code for code, name, _ in EVENT_TYPES}
_FAMILY = {code: family for code, _, family in EVENT_TYPES}
_PAYLOAD_BASE = {1: 480, 10: 160, 11: 900, 13: 320, 15: 64}

_WEIGHTS_DESKTOP = {2: 40, 3: 6, 4: 15, 5: 20, 8: 2, 9: 2, 10: 6, 11: 1, 12: 2, 13: 2, 14: 1, 15: 1}
_WEIGHTS_MOBILE = {6: 15, 7: 30, 4: 20, 5: 15, 8: 2, 9: 2, 10: 6, 11: 1, 12: 4, 13: 3, 14: 1, 15: 1}
_WEIGHTS_BOT = {2: 30, 3: 5, 4: 5, 5: 15, 10: 20, 11: 5, 13: 10, 14: 10}

_VISIT_TYPES = ("pushState", "navigation", "reload", "back_forward")


@dataclass(frozen=True, slots=True)
class Event:
    """Metadata of one event of a session."""

    event_id: str
    code: int
    timestamp_ms: int
    payload_size: int

    def to_json(self) -> JSON:
        """The event as the API's SessionEvent object."""
        return {
            "eventId": self.event_id,
            "messageId": self.code,
            "eventTypeName": EVENT_NAMES[self.code],
            "timestamp": self.timestamp_ms,
            "payloadSize": self.payload_size,
        }


def session_events(s: Session) -> tuple[Event, ...]:
    """The events of ``s`` so far, oldest first; the first is always ``init``.

    All ``event_total`` events are drawn from the session's seed, one in each equal slice of its
    activity, so a later ``now`` shows the same events (same ids and timestamps) and more.
    """
    rng = random.Random(s.seed)
    if s.automated:
        weights = _WEIGHTS_BOT
    elif USER_AGENTS[s.ua][2] == "desktop":
        weights = _WEIGHTS_DESKTOP
    else:
        weights = _WEIGHTS_MOBILE
    total = s.event_total
    codes = [1, *rng.choices(list(weights), list(weights.values()), k=total - 1)]
    r = rng.random
    stamps = [s.created, *(s.created + int((i + r()) * s.activity / total) for i in range(1, total))]
    prefix = s.id[:8]
    return tuple(
        Event(f"{prefix}-{i + 1:04d}", code, ts // TICKS_PER_MS, _PAYLOAD_BASE.get(code, 48) + rng.randrange(64))
        for i, (code, ts) in enumerate(zip(codes[: s.event_count], stamps[: s.event_count], strict=True))
    )


def session_details(s: Session, events: Sequence[Event]) -> JSON:
    """The API's SessionDetails object of ``s``, derived from its ``events``."""
    counts = Counter(_FAMILY[e.code] for e in events)
    minutes: dict[int, Counter[str]] = {}
    for e in events:
        minutes.setdefault(e.timestamp_ms // 60_000, Counter())[_FAMILY[e.code]] += 1
    busiest = max((sum(c.values()) for c in minutes.values()), default=1)
    timeline = [
        {
            "timestamp": format_ticks(minute * TICKS_PER_MINUTE),
            "eventCount": sum(c.values()),
            "dominantEventType": c.most_common(1)[0][0],
            "activityLevel": round(sum(c.values()) / busiest, 4),
        }
        for minute, c in sorted(minutes.items())
    ]
    return {
        "sessionId": s.id,
        "startTime": format_ticks(s.created),
        "endTime": None if s.ended is None else format_ticks(s.ended),
        "durationSeconds": round(((s.updated if s.ended is None else s.ended) - s.created) / TICKS_PER_SECOND, 3),
        "eventCounts": {
            "total": len(events),
            "mouse": counts["mouse"],
            "scroll": counts["scroll"],
            "keyboard": counts["keyboard"],
            "touch": counts["touch"],
            "form": counts["form"],
        },
        "timeline": timeline,
        "pageHistory": _page_history(s),
    }


def _page_history(s: Session) -> list[JSON]:
    """The pages visited so far: visits begin during the session's activity; the last lasts
    until it closed (or, while it is active, until its latest update)."""
    rng = random.Random(s.seed ^ 0x5A5A5A5A)
    visits = rng.randint(1, 5)
    cuts = sorted(s.created + rng.randrange(s.activity + 1) for _ in range(visits - 1))
    types = [rng.choice(_VISIT_TYPES) for _ in cuts]
    until = s.updated if s.ended is None else s.ended
    starts = [s.created, *(c for c in cuts if c <= until)]
    base = s.page_url.split("?")[0]
    history = []
    for i, begin in enumerate(starts):
        finish = starts[i + 1] if i + 1 < len(starts) else until
        history.append(
            {
                "url": s.page_url if i == 0 else f"{base}?page={i + 1}",
                "timestamp": format_ticks(begin),
                "type": "navigation" if i == 0 else types[i - 1],
                "durationMs": (finish - begin) // TICKS_PER_MS,
            }
        )
    return history
