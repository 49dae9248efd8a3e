"""Build-time pages of the documentation site: the CLI reference and the OpenAPI reference.

Both are generated on every build, so neither can drift from what it describes:

- `reference/cli.md` walks `notai`'s argparse parser (every command, in `notai --help` order)
  and prints each command's `--help` at a fixed width, so no option list is copied by hand;
- `openapi/index.html` is `openapi.yaml` rendered by Redocly's `build-docs` (from node_modules).

The notes in docs/ also link to files of the repository outside docs/ (bench/results.md, tests);
on the site those links become the file's path in code, since the site does not hold the file.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]


def cli_reference() -> str:
    """Return the Markdown of the CLI reference: each command's `--help`, from the parser itself."""
    os.environ["COLUMNS"] = "100"  # argparse wraps at the terminal's width; the page must not depend on it
    sys.path[:0] = [str(ROOT / "wrapper"), str(ROOT / "generated")]
    from notai.cli._app import NOUNS
    from notai.cli._parser import build_parser, commands_under

    root = build_parser(NOUNS)
    lines = [
        "# Command line reference",
        "",
        "Generated from the `notai` command's parser when the site is built: each section is that",
        "command's `--help`. The [command line guide](../cli.md) explains configuration, output",
        "formats, exports and exit codes.",
        "",
    ]
    for parser in [root, *commands_under(root)]:
        lines += [f"## `{parser.prog}`", "", "```text", parser.format_help().rstrip(), "```", ""]
    return "\n".join(lines)


def openapi_html() -> str:
    """Return `openapi.yaml` rendered as one HTML page by Redocly's `build-docs`."""
    redocly = ROOT / "node_modules" / ".bin" / "redocly"
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "openapi.html"
        subprocess.run(  # noqa: S603  (the pinned redocly of node_modules, fixed arguments)
            [str(redocly), "build-docs", str(ROOT / "openapi.yaml"), "--output", str(out)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        return out.read_text(encoding="utf-8")


def on_files(files: Files, config: Any) -> Files:
    """Add the generated pages to the site's files."""
    files.append(File.generated(config, "reference/cli.md", content=cli_reference()))
    files.append(File.generated(config, "openapi/index.html", content=openapi_html()))
    return files


#: A Markdown link: [text](target), the target without spaces.
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Turn links to repository files outside docs/ into their repository path, in code."""
    docs_dir = Path(config["docs_dir"]).resolve()
    here = (docs_dir / page.file.src_path).parent

    def outside(match: re.Match[str]) -> str:
        text, target = match.groups()
        if "://" in target or target.startswith(("#", "mailto:")):
            return match.group(0)
        path = (here / target.split("#")[0]).resolve()
        if path.is_relative_to(docs_dir):
            return match.group(0)
        where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else target
        return text if text.strip("`") == where else f"{text} (`{where}` in the repository)"

    return _LINK.sub(outside, markdown)
