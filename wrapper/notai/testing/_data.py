"""The sandbox's deterministic, seeded dataset of one region: its sessions, users and payloads."""

from __future__ import annotations

import bisect
import functools
import random
from collections.abc import Sequence
from datetime import date

from . import _reports
from ._clock import (
    FIXED_NOW,
    TICKS_PER_DAY,
    TICKS_PER_HOUR,
    TICKS_PER_MINUTE,
    TICKS_PER_SECOND,
    day_of,
    format_ticks,
    ticks_of,
)
from ._details import session_details, session_events
from ._keys import Region
from ._records import (
    BOT_THRESHOLD,
    HEADLESS,
    JSON,
    MEDIUM_THRESHOLD,
    PROFILES,
    UA_BOT_WEIGHTS,
    UA_HUMAN_WEIGHTS,
    USER_AGENTS,
    Session,
    User,
)

HISTORY_DAYS = 90
"""The span ``sessions`` is counted over: at FIXED_NOW a sandbox holds exactly that many sessions,
created in the 90 days before it, and every later day adds ``sessions / 90`` more."""

CHANGE_DAYS = 7
"""A session changes (closes, is rescored) only within this many days of its ``createdAt``."""

REFERENCE = ticks_of(FIXED_NOW)
"""The reference time in ticks: FIXED_NOW. Data is generated at it or later, never earlier."""
_SPAN = HISTORY_DAYS * TICKS_PER_DAY
HISTORY_START = REFERENCE - _SPAN
"""Ticks at which the sandbox's history begins (2026-03-12T12:00Z), whatever its ``now``."""

_LINGER_SHARE = 0.15  # sessions left open (an idle tab) after their last event...
_LINGER_MAX = 4 * TICKS_PER_DAY  # ...for up to this long
_RESCORE_SHARE = 0.10  # sessions whose score is revised once after they close...
_RESCORE_MIN = 5 * TICKS_PER_MINUTE
_RESCORE_MAX = 2 * TICKS_PER_DAY  # ...this long after closing, at most (plus the minimum)

_BOT_FLAGS = (
    "headless_browser",
    "uniform_mouse_timing",
    "webdriver_present",
    "no_pointer_events",
    "datacenter_ip",
    "rapid_form_fill",
    "paste_heavy_input",
    "automation_framework",
)
_SOFT_FLAGS = ("unusual_viewport", "fast_navigation", "paste_heavy_input", "vpn_ip")
_PAGE_KINDS = ("lesson", "quiz", "assignment", "exam", "forum")

# The four newest sessions at FIXED_NOW always cover these cases (active, bot, matched user), so
# small datasets have all kinds: (active at FIXED_NOW, bot, matched).
#: The session id the README and the spec's examples use: in every sandbox (any seed, both regions,
#: two sessions or more, any ``now``) it is a closed bot session with a matched user, details and events.
EXAMPLE_SESSION_ID = "7c1e9b52-3f4a-4d8e-9a61-2b5c0d7e8f90"

_FORCED: tuple[tuple[bool, bool, bool], ...] = (
    (True, False, True),
    (False, True, True),
    (False, False, False),
    (True, True, False),
)


def _cumulative(weights: Sequence[int]) -> list[float]:
    total, out, running = sum(weights), [], 0
    for w in weights[:-1]:
        running += w
        out.append(running / total)
    return out


_UA_HUMAN_CUMULATIVE = _cumulative(UA_HUMAN_WEIGHTS)
_UA_BOT_CUMULATIVE = _cumulative(UA_BOT_WEIGHTS)


class Dataset:
    """All sandbox data of one region at ``now``, generated from ``seed``; sessions newest first.

    Sessions are a seeded stream over absolute time that starts at HISTORY_START: the k-th falls
    in the k-th of ``sessions`` equal slots of the 90 days before FIXED_NOW (and of the same width
    after it), and its id, createdAt, user, course and the rest come from the stream, never from
    ``now``. ``now`` only decides which sessions exist (createdAt <= now) and their state: each
    has a fixed close time and may have one rescoring time, applied once ``now`` reaches them.
    A ``now`` before FIXED_NOW shows the FIXED_NOW data moved back in time to end at ``now``.
    """

    def __init__(self, region: Region, *, seed: int, sessions: int, now: int) -> None:
        if sessions < 0:
            raise ValueError("sessions must be >= 0")
        self.region: Region = region
        self.seed = seed
        self.now = now
        self.profile = PROFILES[region]
        clock = max(now, REFERENCE)  # the moment the data is taken at
        shift = now - clock
        rng = random.Random(f"notai-sandbox/{region}/{seed}")
        self.users = self._make_users(rng, max(4, sessions // 6))
        slots = -(-(clock - HISTORY_START) * sessions // _SPAN)  # slots that begin before the clock
        generated: list[Session] = []
        for k in range(slots):
            session = self._make_session(rng, k, sessions, clock, shift)
            if session is not None:
                generated.append(session)
        generated.sort(key=lambda s: (-s.created, s.id))
        self.sessions: list[Session] = generated
        self._by_id = {s.id: s for s in generated}
        self._neg_created = [-s.created for s in generated]
        self._by_user: dict[int, list[Session]] = {}
        for s in generated:
            if s.user >= 0:
                self._by_user.setdefault(s.user, []).append(s)
        self._user_index = {self.users[u].id: u for u in self._by_user}
        self.first_day = day_of(generated[-1].created) if generated else day_of(now)
        self.filter_sessions = functools.lru_cache(maxsize=64)(self._filter_sessions)
        self.events = functools.lru_cache(maxsize=256)(session_events)
        # Details are pure functions of a session; caching them keeps repeated reads (benchmarks,
        # retries, users' own tests) at the cost of a plain lookup.
        self.details_json = functools.lru_cache(maxsize=1024)(self._details_json)
        self.analytics = functools.lru_cache(maxsize=16)(self._analytics)
        self._usage = _reports.Usage(generated, first_day=self.first_day, now=now, seed=seed, region=region)

    # -- generation ---------------------------------------------------------------------------

    def _make_users(self, rng: random.Random, count: int) -> list[User]:
        p = self.profile
        numbers = rng.sample(range(10_000, 10_000 + max(90_000, 3 * count)), count)
        users = []
        for n in numbers:
            name = f"{rng.choice(p.first_names)} {rng.choice(p.last_names)}"
            origin = p.origins[0] if rng.random() < 0.8 else p.origins[1]
            users.append(User(f"{p.user_prefix}{n}", name, f"{origin}/users/{n}"))
        return users

    @staticmethod
    def _score(rng: random.Random, bot: bool) -> tuple[float, tuple[str, ...]]:
        r = rng.random  # plain floats: several times faster than randrange/choices
        if bot:
            return round(0.7 + r() * 0.3, 4), tuple(rng.sample(_BOT_FLAGS, 1 + int(r() * 3)))
        band = r()
        if band < 0.65:
            score = r() * 0.2
        elif band < 0.9:
            score = 0.2 + r() * 0.2
        else:
            score = MEDIUM_THRESHOLD + r() * 0.29
        return round(score, 4), (_SOFT_FLAGS[int(r() * len(_SOFT_FLAGS))],) if score >= MEDIUM_THRESHOLD else ()

    def _make_session(self, rng: random.Random, k: int, total: int, clock: int, shift: int) -> Session | None:
        """The k-th session of the stream as it stands at ``clock``, moved by ``shift``; None if
        it is created after ``clock``. It takes the same draws from ``rng`` whatever ``clock`` is."""
        r = rng.random
        start = HISTORY_START + k * _SPAN // total
        end = HISTORY_START + (k + 1) * _SPAN // total
        created = end - int(r() * (end - start))  # in (start, end]
        forced = total - 1 - k  # 0-3: the four newest sessions at FIXED_NOW
        if 0 <= forced < len(_FORCED):
            _, bot, matched = _FORCED[forced]
        else:
            bot = r() < 0.12
            matched = r() < (0.5 if bot else 0.85)
        score, flags = self._score(rng, bot)
        if bot:
            duration = int((10 + r() * 710) * TICKS_PER_SECOND)
            event_total = 50 + int(r() * 1150)
        else:
            duration = int((60 + r() * 4440) * TICKS_PER_SECOND)
            event_total = 20 + int(r() * 580)
        linger = int(r() * _LINGER_MAX) if r() < _LINGER_SHARE else 0
        rescore: tuple[int, float, tuple[str, ...]] | None = None
        if r() < _RESCORE_SHARE:
            delay = _RESCORE_MIN + int(r() * _RESCORE_MAX)
            revised_bot = (score >= BOT_THRESHOLD) != (r() < 0.35)  # the revised model disagrees a third of the time
            new_score, new_flags = self._score(rng, revised_bot)
            if revised_bot and score >= BOT_THRESHOLD:
                new_flags = flags
            rescore = (delay, new_score, new_flags)
        user = int(r() * len(self.users)) if matched else -1
        origin = 0 if r() < 0.8 else 1
        course = int(r() * len(self.profile.courses)) if r() < 0.9 else -1
        base = self.profile.origins[origin]
        if course >= 0:
            slug = self.profile.courses[course][0]
            kind = _PAGE_KINDS[int(r() * len(_PAGE_KINDS))]
            page_url = f"{base}/courses/{slug}/{kind}/{1 + int(r() * 12)}"
        else:
            page_url = f"{base}/dashboard"
        if bot and "headless_browser" in flags:
            ua = HEADLESS
        else:
            ua = bisect.bisect(_UA_BOT_CUMULATIVE if bot else _UA_HUMAN_CUMULATIVE, r())
        h = f"{rng.getrandbits(128):032x}"
        variant = "89ab"[int(h[16], 16) & 3]
        seed = rng.getrandbits(63)
        close = created + duration + linger
        rescore_at = None if rescore is None else close + rescore[0]
        if 0 <= forced < len(_FORCED):
            created, close, rescore_at = self._forced_times(rng, forced, duration)
            if forced == 2:  # closed and human at FIXED_NOW, found to be a bot a few hours later
                rescore = (0, *self._score(rng, True))
        if created > clock:
            return None
        rescored = rescore is not None and rescore_at is not None and rescore_at <= clock
        if clock >= close:
            active, ended, updated, event_count = False, close, close, event_total
            if rescored and rescore is not None and rescore_at is not None:
                updated, score, flags = rescore_at, rescore[1], rescore[2]
        else:
            active, ended = True, None
            steps = (clock - created) * event_total // duration  # events so far, at an even pace
            event_count = max(1, min(steps, event_total))
            updated = created if steps == 0 else created + event_count * duration // event_total
        return Session(
            id=EXAMPLE_SESSION_ID if forced == 1 else f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:]}",
            created=created + shift,
            updated=updated + shift,
            active=active,
            bot_score=score,
            flags=flags,
            page_url=page_url,
            origin=origin,
            course=course,
            ua=ua,
            user=user,
            event_count=event_count,
            seed=seed,
            automated=bot,
            activity=duration,
            event_total=event_total,
            ended=None if ended is None else ended + shift,
            rescored=rescored,
        )

    @staticmethod
    def _forced_times(rng: random.Random, forced: int, duration: int) -> tuple[int, int, int | None]:
        """createdAt, close time and rescoring time of the forced session ``forced`` (see _FORCED):
        the active ones close 1-5 hours after FIXED_NOW, and the closed human is rescored then."""
        r = rng.random
        later = REFERENCE + TICKS_PER_HOUR + int(r() * 4 * TICKS_PER_HOUR)
        if forced in (0, 3):
            return REFERENCE - int(r() * 2 * TICKS_PER_HOUR), later, None
        if forced == 1:
            created = REFERENCE - 3 * TICKS_PER_HOUR - int(r() * 3 * TICKS_PER_DAY)
            return created, created + duration, None
        created = REFERENCE - TICKS_PER_DAY - int(r() * TICKS_PER_DAY)
        return created, created + duration, later

    # -- sessions -----------------------------------------------------------------------------

    def session(self, session_id: str) -> Session | None:
        """The session with this id, or None."""
        return self._by_id.get(session_id)

    def session_json(self, s: Session) -> JSON:
        """The session as the API's PublicSession object."""
        user = self.users[s.user] if s.user >= 0 else None
        return {
            "id": s.id,
            "createdAt": format_ticks(s.created),
            "updatedAt": format_ticks(s.updated),
            "status": "active" if s.active else "closed",
            "botScore": s.bot_score,
            "detectionFlags": list(s.flags),
            "pageUrl": s.page_url,
            "userAgentSummary": USER_AGENTS[s.ua][0],
            "userId": user.id if user else None,
            "userName": user.name if user else None,
            "userUrl": user.url if user else None,
        }

    def _filter_sessions(
        self, status: str | None, bot_only: bool, start: int | None, end: int | None
    ) -> Sequence[Session]:
        lo = 0 if end is None else bisect.bisect_left(self._neg_created, -end)
        hi = len(self.sessions) if start is None else bisect.bisect_right(self._neg_created, -start)
        selected: Sequence[Session] = self.sessions[lo:hi]
        if status is not None:
            wanted = status.lower()
            selected = [s for s in selected if ("active" if s.active else "closed") == wanted]
        if bot_only:
            selected = [s for s in selected if s.is_bot]
        return selected

    def _details_json(self, s: Session) -> JSON:
        """The API's SessionDetails object, derived from the session's events."""
        return session_details(s, self.events(s))

    # -- users --------------------------------------------------------------------------------

    @functools.cached_property
    def user_summaries(self) -> list[JSON]:
        """Every user with at least one session, as PublicUser objects sorted by userId."""
        today = day_of(self.now)
        out = []
        for u, sessions in self._by_user.items():
            user = self.users[u]
            scores = [s.bot_score for s in sessions]
            bots = sum(1 for x in scores if x >= BOT_THRESHOLD)
            medium = sum(1 for x in scores if MEDIUM_THRESHOLD <= x < BOT_THRESHOLD)
            if bots and bots * 4 >= len(sessions):
                risk = "high"
            elif bots or medium:
                risk = "medium"
            else:
                risk = "low"
            spark = [0] * 7
            for s in sessions:
                back = (today - day_of(s.created)).days
                if 0 <= back < 7:
                    spark[6 - back] += 1
            out.append(
                {
                    "userId": user.id,
                    "userName": user.name,
                    "sessionCount": len(sessions),
                    "botSessionCount": bots,
                    "mediumSessionCount": medium,
                    "averageBotScore": round(sum(scores) / len(scores), 4),
                    "maxBotScore": max(scores),
                    "deviceCount": len({s.ua for s in sessions}),
                    "firstSeen": format_ticks(min(s.created for s in sessions)),
                    "lastSeen": format_ticks(max(s.updated for s in sessions)),
                    "riskLevel": risk,
                    "sparkline": spark,
                    "userUrl": user.url,
                }
            )
        out.sort(key=lambda item: str(item["userId"]))
        return out

    def search_users(self, needle: str | None) -> Sequence[JSON]:
        """Users whose userId or userName contains ``needle`` (case-insensitive)."""
        if not needle:
            return self.user_summaries
        n = needle.casefold()
        return [
            u for u in self.user_summaries if n in str(u["userId"]).casefold() or n in str(u["userName"]).casefold()
        ]

    def user_sessions(self, user_id: str) -> Sequence[Session] | None:
        """The sessions of a user, newest first; None if no session matched this user id."""
        index = self._user_index.get(user_id)
        return None if index is None else self._by_user[index]

    # -- reports --------------------------------------------------------------------------------

    @functools.cached_property
    def courses(self) -> list[JSON]:
        """Courses extracted from session URLs (illustrative: the vendor's schema is unknown)."""
        return _reports.course_summaries(self.sessions, self.profile)

    @functools.cached_property
    def stats(self) -> JSON:
        """High-level counters (illustrative: the vendor's getStats schema is unknown)."""
        return _reports.stats(self.sessions, len(self._by_user), self.now)

    def integration(self, key_masked: str, tier: str) -> JSON:
        """The integration a key resolved to (illustrative apart from ``apiKeyMasked``)."""
        return _reports.integration(self.region, self.first_day, key_masked, tier)

    def _analytics(self, period: str, bucket: str) -> JSON:
        start = self.now - _reports.PERIOD_DAYS[period] * TICKS_PER_DAY
        window = self._filter_sessions(None, False, start, self.now)
        return _reports.analytics(window, self.profile, period, bucket, start, self.now)

    def usage_points(self, first: date, last: date, metrics: Sequence[str]) -> list[JSON]:
        """One point per day per metric between ``first`` and ``last`` (inclusive, clipped to the
        days the dataset covers), ordered by metric then day."""
        return self._usage.points(first, last, metrics)
