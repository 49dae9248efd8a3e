"""The records and fixed tables the sandbox's data is built from: sessions, users, user agents, regions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._keys import Region

JSON = dict[str, Any]

BOT_THRESHOLD = 0.7
MEDIUM_THRESHOLD = 0.4

# (summary, browser, device)
USER_AGENTS: tuple[tuple[str, str, str], ...] = (
    ("Chrome 126 on Windows", "Chrome", "desktop"),
    ("Chrome 126 on macOS", "Chrome", "desktop"),
    ("Safari 17 on macOS", "Safari", "desktop"),
    ("Firefox 127 on Linux", "Firefox", "desktop"),
    ("Edge 126 on Windows", "Edge", "desktop"),
    ("Chrome 126 on Android", "Chrome", "mobile"),
    ("Safari 17 on iOS", "Safari", "mobile"),
    ("Safari 17 on iPadOS", "Safari", "tablet"),
    ("HeadlessChrome 126 on Linux", "HeadlessChrome", "desktop"),
)
# How often sessions draw each USER_AGENTS entry, and the index of the headless one.
UA_HUMAN_WEIGHTS = (30, 12, 10, 6, 8, 14, 14, 6, 0)
UA_BOT_WEIGHTS = (20, 5, 0, 10, 5, 5, 0, 0, 55)
HEADLESS = 8


@dataclass(frozen=True)
class Profile:
    """The fixed tables one region's data is drawn from."""

    origins: tuple[str, str]
    user_prefix: str
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    courses: tuple[tuple[str, str], ...]


PROFILES: dict[Region, Profile] = {
    "us": Profile(
        origins=("https://lms.example.edu", "https://learn.example.com"),
        user_prefix="lms-",
        first_names=(
            "Dana",
            "Marcus",
            "Priya",
            "Jordan",
            "Emily",
            "Luis",
            "Aisha",
            "Tyler",
            "Grace",
            "Kevin",
            "Maya",
            "Ethan",
            "Sofia",
            "Caleb",
            "Hannah",
            "Noah",
        ),
        last_names=(
            "Whitfield",
            "Nguyen",
            "Patel",
            "Johnson",
            "Garcia",
            "Kim",
            "Brooks",
            "Martinez",
            "Okafor",
            "Sullivan",
            "Chen",
            "Reyes",
            "Foster",
            "Hughes",
        ),
        courses=(
            ("bio-101", "Introduction to Biology"),
            ("chem-210", "Organic Chemistry"),
            ("hist-120", "US History since 1877"),
            ("math-221", "Linear Algebra"),
            ("cs-106", "Programming Abstractions"),
            ("econ-001", "Principles of Economics"),
            ("psych-100", "Introduction to Psychology"),
            ("eng-150", "Academic Writing"),
        ),
    ),
    "eu": Profile(
        origins=("https://moodle.example.eu", "https://campus.example.de"),
        user_prefix="stu-",
        first_names=(
            "Lukas",
            "Camille",
            "Matteo",
            "Ingrid",
            "Zofia",
            "Jonas",
            "Elena",
            "Pieter",
            "Chiara",
            "Mathis",
            "Freya",
            "Nikolai",
            "Lea",
            "Tomás",
        ),
        last_names=(
            "Müller",
            "Dubois",
            "Rossi",
            "Johansson",
            "Kowalski",
            "Jansen",
            "García",
            "Novák",
            "Bianchi",
            "Lefèvre",
            "Schmidt",
            "Virtanen",
        ),
        courses=(
            ("info-1", "Informatik I"),
            ("math-ana1", "Analysis I"),
            ("phys-201", "Experimentalphysik II"),
            ("droit-101", "Introduction au droit"),
            ("hist-eu", "European History"),
            ("bwl-110", "Grundlagen der BWL"),
            ("chem-gen", "Química general"),
            ("ling-200", "Linguistics of European Languages"),
        ),
    ),
}


@dataclass(frozen=True, slots=True)
class Session:
    """One generated session as it stands at the sandbox's ``now``; details and events derive from ``seed``.

    ``id``, ``created``, ``page_url``, ``origin``, ``course``, ``ua``, ``user``, ``seed``,
    ``automated``, ``activity`` and ``event_total`` never change with ``now``; ``updated``,
    ``active``, ``ended``, ``bot_score``, ``flags``, ``event_count`` and ``rescored`` are its
    state at ``now``.
    """

    id: str
    created: int
    updated: int
    active: bool
    bot_score: float
    flags: tuple[str, ...]
    page_url: str
    origin: int
    course: int
    ua: int
    user: int
    event_count: int
    seed: int
    automated: bool
    """Whether the traffic was a bot's (its events look like one), whatever the current score says."""
    activity: int
    """Ticks from ``created`` to the last event, once the session has all its events."""
    event_total: int
    """Events the session has once its activity is over (``event_count`` counts those so far)."""
    ended: int | None
    """When the session closed, or None while it is active."""
    rescored: bool
    """Whether its score was revised after it closed (``updated`` is then the rescoring time)."""

    @property
    def is_bot(self) -> bool:
        """Whether the session counts as a bot (``botScore >= 0.7``)."""
        return self.bot_score >= BOT_THRESHOLD


@dataclass(frozen=True, slots=True)
class User:
    """One generated user a session can be matched to."""

    id: str
    name: str
    url: str
