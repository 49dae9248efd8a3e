"""The code blocks of the README and the docs pages, as test_readme.py runs and test_wheel_types.py checks them.

Every ```python and ```sh block of README.md and of the pages under docs/ (the reference pages,
generated from the code, hold none) is run against the sandbox, unless the line right before it
is `<!-- not run: REASON -->` (invisible on GitHub and on the site), or its whole page is one of
RUN_ELSEWHERE, whose blocks only make sense together and which another test runs as a whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Pages whose blocks another test runs as a whole, and that test.
RUN_ELSEWHERE = {
    "docs/notebook.md": "tests/test_examples_notebook.py, as notebook cells in order (top-level await)",
}
#: Folders of docs/ that hold no page of prose: the generated reference, the site's machinery, TypeScript.
NOT_PAGES = ("docs/reference/", "docs/mkdocs/", "docs/typescript/")
FENCE = re.compile(
    r"^(?:<!-- not run: (?P<reason>[^\n]*?) -->\n)?```(?P<kind>python|sh)\n(?P<body>.*?)^```", re.DOTALL | re.MULTILINE
)


@dataclass(frozen=True)
class Block:
    """One fenced block: where it is (`docs/cli.md:272`), its language, its text, and why it is not run (if so)."""

    where: str
    kind: str
    body: str
    not_run: str | None


def all_pages() -> list[str]:
    """Return README.md and every Markdown page of docs/ (as paths from the repo's root), in order."""
    docs = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.md"))
    return ["README.md", *(page for page in docs if not page.startswith(NOT_PAGES))]


def blocks(page: str) -> list[Block]:
    """Return the python and sh blocks of one page, in order."""
    text = (ROOT / page).read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        line = text.count("\n", 0, match.start("kind")) + 1
        found.append(Block(f"{page}:{line}", match["kind"], match["body"], match["reason"]))
    return found


def run_here() -> list[Block]:
    """Return every block test_readme.py runs: those of the pages not in RUN_ELSEWHERE, less the marked ones."""
    return [b for page in all_pages() if page not in RUN_ELSEWHERE for b in blocks(page) if b.not_run is None]
