"""The report payloads built over a region's sessions: courses, stats, integration, analytics, usage."""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

from ._clock import TICKS_PER_DAY, TICKS_PER_HOUR, day_of, format_ticks, ticks_of_day
from ._records import BOT_THRESHOLD, JSON, MEDIUM_THRESHOLD, USER_AGENTS, Profile, Session

PERIOD_DAYS = {"24h": 1, "7d": 7, "30d": 30, "90d": 90}
GROUP_BYS = ("hour", "day", "week")
METRICS = ("ApiCalls", "Events", "Sessions", "StorageBytes", "BotAnalyses")


def course_summaries(sessions: Sequence[Session], profile: Profile) -> list[JSON]:
    """Courses extracted from session URLs (illustrative: the vendor's schema is unknown)."""
    per: dict[int, list[Session]] = {}
    for s in sessions:
        if s.course >= 0:
            per.setdefault(s.course, []).append(s)
    out = []
    for c, members in sorted(per.items(), key=lambda kv: profile.courses[kv[0]][0]):
        slug, name = profile.courses[c]
        out.append(
            {
                "courseId": slug,
                "name": name,
                "url": f"{profile.origins[0]}/courses/{slug}",
                "sessionCount": len(members),
                "botSessionCount": sum(1 for s in members if s.is_bot),
                "userCount": len({s.user for s in members if s.user >= 0}),
                "lastActivity": format_ticks(max(s.updated for s in members)),
            }
        )
    return out


def stats(sessions: Sequence[Session], user_count: int, now: int) -> JSON:
    """High-level counters (illustrative: the vendor's getStats schema is unknown)."""
    total = len(sessions)
    bots = sum(1 for s in sessions if s.is_bot)
    active = sum(1 for s in sessions if s.active)
    matched = sum(1 for s in sessions if s.user >= 0)
    return {
        "totalSessions": total,
        "activeSessions": active,
        "closedSessions": total - active,
        "botSessions": bots,
        "humanSessions": total - bots,
        "matchedSessions": matched,
        "unmatchedSessions": total - matched,
        "totalUsers": user_count,
        "totalEvents": sum(s.event_count for s in sessions),
        "averageBotScore": round(sum(s.bot_score for s in sessions) / total, 4) if total else 0.0,
        "firstSessionAt": format_ticks(sessions[-1].created) if total else None,
        "lastSessionAt": format_ticks(sessions[0].created) if total else None,
        "generatedAt": format_ticks(now),
    }


def integration(region: str, first_day: date, key_masked: str, tier: str) -> JSON:
    """The integration a key resolved to (illustrative apart from ``apiKeyMasked``)."""
    return {
        "id": f"int_sandbox_{region}_{tier}",
        "name": f"Sandbox {region.upper()} ({tier})",
        "apiKeyMasked": key_masked,
        "createdAt": format_ticks(ticks_of_day(first_day)),
    }


def analytics(window: Sequence[Session], profile: Profile, period: str, bucket: str, start: int, now: int) -> JSON:
    """The getAnalytics payload of the sessions created from ``start`` to ``now``, in ``bucket`` steps."""
    size = {"hour": TICKS_PER_HOUR, "day": TICKS_PER_DAY, "week": 7 * TICKS_PER_DAY}[bucket]
    # The epoch was a Thursday: shift by 3 days so weeks start on Monday.
    shift = 3 * TICKS_PER_DAY if bucket == "week" else 0

    def floor(t: int) -> int:
        return (t + shift) // size * size - shift

    series: dict[int, list[int]] = {}
    t = floor(start)
    while t <= now:
        series[t] = [0, 0, 0, 0]
        t += size
    bands = [0, 0, 0, 0]
    origins: dict[str, list[int]] = {}
    devices: Counter[str] = Counter()
    browsers: Counter[str] = Counter()
    users: set[int] = set()
    bot_keys: set[tuple[int, str]] = set()
    confidence = 0.0
    for s in window:
        point = series[floor(s.created)]
        point[0] += 1
        point[1] += s.event_count
        point[2] += s.is_bot
        point[3] += s.user >= 0
        if s.bot_score >= BOT_THRESHOLD:
            bands[0] += 1
            bot_keys.add((s.user, "") if s.user >= 0 else (-1, s.id))
        elif s.bot_score >= MEDIUM_THRESHOLD:
            bands[1] += 1
        elif s.bot_score >= 0.2:
            bands[2] += 1
        else:
            bands[3] += 1
        if s.user >= 0:
            users.add(s.user)
            confidence += 0.6 + (s.seed % 4000) / 10_000
        entry = origins.setdefault(profile.origins[s.origin], [0, 0])
        entry[0] += 1
        entry[1] += s.is_bot
        _, browser, device = USER_AGENTS[s.ua]
        devices[device] += 1
        browsers[browser] += 1
    total = len(window)
    events = sum(p[1] for p in series.values())
    matched = sum(p[3] for p in series.values())
    return {
        "period": period,
        "groupBy": bucket,
        "startDate": format_ticks(start),
        "endDate": format_ticks(now),
        "generatedAt": format_ticks(now),
        "summary": {
            "totalSessions": total,
            "totalEvents": events,
            "uniqueBots": len(bot_keys),
            "uniqueUsers": len(users),
            "averageBotScore": round(sum(s.bot_score for s in window) / total, 4) if total else 0.0,
            "averageEventsPerSession": round(events / total, 2) if total else 0.0,
        },
        "timeSeries": [
            {
                "timestamp": format_ticks(t),
                "sessionCount": p[0],
                "eventCount": p[1],
                "botCount": p[2],
                "userMatchedCount": p[3],
            }
            for t, p in series.items()
        ],
        "botDetection": {
            "highConfidenceBots": bands[0],
            "mediumConfidenceBots": bands[1],
            "lowConfidenceBots": bands[2],
            "likelyHumans": bands[3],
        },
        "userMatching": {
            "totalMatched": matched,
            "totalUnmatched": total - matched,
            "matchRate": round(matched / total, 4) if total else 0.0,
            "averageCorrelationConfidence": round(confidence / matched, 4) if matched else 0.0,
        },
        "topOrigins": [
            {"origin": origin, "sessionCount": n, "botPercentage": round(100 * b / n, 2)}
            for origin, (n, b) in sorted(origins.items(), key=lambda kv: -kv[1][0])
        ],
        "deviceBreakdown": {
            "mobile": devices["mobile"],
            "tablet": devices["tablet"],
            "desktop": devices["desktop"],
            "browserCounts": dict(browsers.most_common()),
        },
    }


class Usage:
    """The getUsage points of a region's sessions, tallied per day on first use."""

    def __init__(self, sessions: Sequence[Session], *, first_day: date, now: int, seed: int, region: str) -> None:
        self._sessions = sessions
        self._first_day = first_day
        self._today = day_of(now)
        self._seed = seed
        self._region = region

    @functools.cached_property
    def _daily(self) -> dict[date, tuple[int, int, int]]:
        daily: dict[date, list[int]] = {}
        for s in self._sessions:
            entry = daily.setdefault(day_of(s.created), [0, 0, 0])
            entry[0] += 1
            entry[1] += s.event_count
            entry[2] += s.is_bot
        return {d: (a, b, c) for d, (a, b, c) in daily.items()}

    @functools.cached_property
    def _storage(self) -> dict[date, int]:
        stored, total = {}, 0
        day = self._first_day
        while day <= self._today:
            total += self._daily.get(day, (0, 0, 0))[1] * 180
            stored[day] = total
            day += timedelta(days=1)
        return stored

    def points(self, first: date, last: date, metrics: Sequence[str]) -> list[JSON]:
        """One point per day per metric between ``first`` and ``last`` (inclusive, clipped to the
        days the dataset covers), ordered by metric then day."""
        first = max(first, self._first_day)
        last = min(last, self._today)
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        points = []
        for metric in metrics:
            for d in days:
                sessions, events, bots = self._daily.get(d, (0, 0, 0))
                if metric == "ApiCalls":
                    value = 50 + _stable_int(self._seed, self._region, d) % 1500
                elif metric == "Events":
                    value = events
                elif metric == "Sessions":
                    value = sessions
                elif metric == "BotAnalyses":
                    value = sessions + bots
                else:
                    value = self._storage[d]
                points.append({"period": d.isoformat(), "metricType": metric, "value": value})
        return points


def _stable_int(*parts: object) -> int:
    digest = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big")
