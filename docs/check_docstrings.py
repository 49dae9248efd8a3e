"""Fail when a public name of the SDK lacks a docstring or leaves a parameter undocumented (`make lint`).

ruff's pydocstyle rules check the style of every docstring, but D417 only looks at functions
that already have an `Args:` section, and ruff treats everything in an underscored module
(`notai._sync.client.NotAI`) as private. This check starts from what users import, the names the
reference documents (`notai.__all__`, the resources, `notai.types`, `notai.testing`,
`notai.sync`), and reads the docstrings with griffe's Google parser, as mkdocstrings does:

- every public class, function, method and property has a docstring;
- every parameter of a function or method (`**options` included) is in its `Args:` section;
- a class's constructor parameters are in the class's `Args:` or `Attributes:` section.

Generated models (`notai_api`) are checked by the generator's templates, not here.
Run: `python docs/check_docstrings.py` from the repository root; exit 1 lists each problem.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import griffe

ROOT = Path(__file__).resolve().parent.parent
#: The modules whose exported (or, without `__all__`, public) names are the documented API.
MODULES = (
    "notai",
    "notai.types",
    "notai.testing",
    "notai.sync",
    "notai.resources.sessions",
    "notai.resources.users",
    "notai.resources.courses",
    "notai.resources.reports",
)
#: Parameters never documented: the instance, the class.
IMPLICIT = {"self", "cls"}
#: Classes only the SDK constructs (a method returns them): their docstrings say what they are,
#: their constructor parameters are plumbing. The `...WithRawResponse` groups are such too.
BUILT_BY_THE_SDK = {"notai._sync.pager.SyncPager", "notai._async.pager.AsyncPager", "notai._response.APIResponse"}


def documented_names(obj: griffe.Object, kinds: tuple[griffe.DocstringSectionKind, ...]) -> set[str]:
    """Return the names a docstring's sections of `kinds` describe, without leading stars."""
    if obj.docstring is None:
        return set()
    names: set[str] = set()
    for section in obj.docstring.parse(griffe.Parser.google, warnings=False):
        if section.kind in kinds:
            names.update(item.name.lstrip("*") for item in section.value)
    return names


def missing_params(
    func: griffe.Function, doc_owner: griffe.Object, kinds: tuple[griffe.DocstringSectionKind, ...]
) -> list[str]:
    """Return the parameters of `func` that the docstring of `doc_owner` does not describe."""
    described = documented_names(doc_owner, kinds)
    return [p.name for p in func.parameters if p.name not in IMPLICIT and p.name not in described]


ARGS = (griffe.DocstringSectionKind.parameters,)
INIT_ARGS = (griffe.DocstringSectionKind.parameters, griffe.DocstringSectionKind.attributes)


def problems_of(obj: griffe.Object, where: str) -> Iterator[str]:
    """Yield each documentation problem of one public object (and, for a class, its public members)."""
    if obj.docstring is None or not obj.docstring.value.strip():
        yield f"{where}: no docstring"
        return
    if isinstance(obj, griffe.Function):
        if "property" not in obj.labels:
            for name in missing_params(obj, obj, ARGS):
                yield f"{where}: parameter `{name}` is not described under Args:"
        return
    if not isinstance(obj, griffe.Class):
        return
    init = obj.members.get("__init__")
    built_by_sdk = obj.path in BUILT_BY_THE_SDK or obj.name.endswith("WithRawResponse")
    if isinstance(init, griffe.Function) and init.parent is obj and not built_by_sdk:
        owners = [obj] + ([init] if init.docstring else [])
        described = set().union(*(documented_names(o, INIT_ARGS) for o in owners))
        for p in init.parameters:
            if p.name not in IMPLICIT and not p.name.startswith("_") and p.name not in described:
                yield f"{where}: constructor parameter `{p.name}` is not described under Args: (class docstring)"
    for name, member in obj.members.items():
        if name.startswith("_") or member.is_alias or not isinstance(member, griffe.Function):
            continue
        yield from problems_of(member, f"{where}.{name}")


def public_objects(package: griffe.Module) -> Iterator[tuple[str, griffe.Object]]:
    """Yield (dotted name, object) for every public name of MODULES defined in `notai`, once each."""
    seen: set[str] = set()
    for module_path in MODULES:
        module = package if module_path == "notai" else package[module_path.removeprefix("notai.")]
        names = (
            list(module.exports)
            if module.exports is not None
            else [n for n, m in module.members.items() if not n.startswith("_") and not m.is_alias]
        )
        for name in names:
            member = module.members[name]
            if member.is_alias and not member.target_path.startswith("notai."):
                continue  # the generated models: their templates document them
            target = member.final_target if member.is_alias else member
            if target.path in seen:
                continue  # a name exported twice
            if isinstance(target, griffe.Function | griffe.Class):
                seen.add(target.path)
                yield f"{module_path}.{name}", target


def main() -> int:
    """Print every problem and return 1 when there is one, else 0."""
    package = griffe.load(
        "notai",
        search_paths=[str(ROOT / "wrapper"), str(ROOT / "generated")],
        docstring_parser=griffe.Parser.google,
        resolve_aliases=True,
        resolve_external=False,
    )
    assert isinstance(package, griffe.Module)
    problems = [p for where, obj in public_objects(package) for p in problems_of(obj, where)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} documentation problem(s): document each public name and parameter (Google style).",
            file=sys.stderr,
        )
        return 1
    print("Every public name and parameter is documented.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
