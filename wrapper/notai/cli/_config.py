"""`notai config set|get|list|use`: named profiles in the platform's config directory, and how settings resolve.

Every setting comes from the first of: its flag, its environment variable, the profile, the default.
The profile is `--profile`, else NOTAI_PROFILE, else the one `notai config use` chose, else `default`.
Region and base URL are resolved together (`notai._config.locate`): the one given at the higher
level decides the host, so an explicit `--region` beats ISNOTAI_BASE_URL or a profile's base URL.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import json
import os
import re
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._errors import EXIT_CONFIG, EXIT_USAGE, CliError
from ._parser import FORMATS, Commands

if TYPE_CHECKING:  # the SDK's config module imports httpx: loaded when a command resolves its settings
    from notai._config import Given, Region

    from ._context import Context

ENV_PROFILE = "NOTAI_PROFILE"
ENV_FORMAT = "NOTAI_FORMAT"
ENV_AUTH_HEADER = "NOTAI_AUTH_HEADER"
SETTINGS = ("api_key", "region", "base_url", "auth_header", "format")
DEFAULT_PROFILE = "default"
KEYRING_SERVICE = "notai"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
_IN_KEYRING = "api_key_in_keyring"


def config_path() -> Path:
    """Return the config file: `notai/config.toml` in the platform's config directory (XDG on Linux)."""
    try:
        from platformdirs import user_config_path
    except ImportError:  # the CLI without its extra: the XDG location, which is what platformdirs gives on Linux
        base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        return Path(base) / "notai" / "config.toml"
    return user_config_path("notai", appauthor=False) / "config.toml"


@dataclasses.dataclass
class Store:
    """The config file's content: the profile `notai config use` chose, and every profile's settings."""

    current: str | None = None
    profiles: dict[str, dict[str, Any]] = dataclasses.field(default_factory=dict)


def load(path: Path) -> Store:
    """Read the config file; a missing file is an empty store, a broken one an error saying where it is."""
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Store()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CliError(f"cannot read the config file {path}: {exc}; fix it or remove it.", EXIT_CONFIG) from None
    current, profiles = data.get("current"), data.get("profiles", {})
    if not (current is None or isinstance(current, str)) or not isinstance(profiles, dict):
        raise CliError(f"the config file {path} is not a notai config; fix it or remove it.", EXIT_CONFIG)
    store = Store(current, {})
    for name, settings in profiles.items():
        if isinstance(settings, dict):
            store.profiles[name] = {k: v for k, v in settings.items() if k in (*SETTINGS, _IN_KEYRING)}
    return store


def save(store: Store, path: Path) -> None:
    """Write the config file atomically: a new file of mode 0600 renamed over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    lines = [f"current = {_toml(store.current)}"] if store.current else []
    for name, settings in sorted(store.profiles.items()):
        lines += ["", f"[profiles.{_toml(name)}]"]
        lines += [f"{key} = {_toml(value)}" for key, value in settings.items()]
    fd, temp = tempfile.mkstemp(prefix=".config.", suffix=".tmp", dir=path.parent)  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("# notai profiles: edit with `notai config set|use`\n" + "\n".join(lines) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _toml(value: Any) -> str:
    """A TOML value: a boolean, or a basic string (JSON's escapes are TOML's, DEL aside)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def _keyring() -> Any:
    """Return the `keyring` module when it is installed, else None."""
    try:
        import keyring  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return keyring


def mask(key: str) -> str:
    """Show a stored key as its prefix and last four characters, never the key itself."""
    return f"aik_v1_…{key[-4:]}" if key.startswith("aik_v1_") and len(key) > 20 else "[redacted]"


@dataclasses.dataclass(frozen=True)
class Settings:
    """What a command connects and prints with, each setting from its flag, environment, profile or default."""

    profile: str | None
    api_key: str | None
    region: Region
    base_url: str
    auth_header: str
    format: str | None


def profile_name(args: argparse.Namespace, env: Mapping[str, str], store: Store) -> tuple[str, bool]:
    """Return the profile to use, and whether it was asked for (so a missing one is an error)."""
    asked = getattr(args, "profile", None) or env.get(ENV_PROFILE)
    return (asked, True) if asked else (store.current or DEFAULT_PROFILE, store.current is not None)


def resolve(args: argparse.Namespace, env: Mapping[str, str], path: Path | None = None) -> Settings:
    """Resolve every setting: flag, then environment, then profile, then default."""
    from notai._config import ARGUMENT, ENV_API_KEY, ENV_BASE_URL, ENV_REGION, ENVIRONMENT, PROFILE, locate

    store = load(path or config_path())
    name, asked = profile_name(args, env, store)
    if name not in store.profiles and asked:
        raise CliError(_no_such_profile(name, store), EXIT_CONFIG)
    profile = store.profiles.get(name, {})
    label = f"profile {name!r}: "
    region, base_url = locate(
        _given(args.region, "--region ", ARGUMENT)
        or _given(env.get(ENV_REGION), f"{ENV_REGION}=", ENVIRONMENT)
        or _given(profile.get("region"), f"{label}region ", PROFILE),
        _given(args.base_url, "--base-url ", ARGUMENT)
        or _given(env.get(ENV_BASE_URL), f"{ENV_BASE_URL}=", ENVIRONMENT)
        or _given(profile.get("base_url"), f"{label}base_url ", PROFILE),
    )
    return Settings(
        profile=name if name in store.profiles else None,
        api_key=args.api_key or env.get(ENV_API_KEY) or _stored_key(name, profile),
        region=region,
        base_url=base_url,
        auth_header=args.auth_header or env.get(ENV_AUTH_HEADER) or profile.get("auth_header") or "bearer",
        format=args.format or env.get(ENV_FORMAT) or profile.get("format"),
    )


def _given(value: Any, source: str, level: int) -> Given | None:
    from notai._config import Given

    return Given(str(value), source, level) if value else None


def _stored_key(name: str, profile: Mapping[str, Any]) -> str | None:
    if not profile.get(_IN_KEYRING):
        key = profile.get("api_key")
        return key if isinstance(key, str) else None
    keyring = _keyring()
    if keyring is None:
        raise CliError(
            f"profile {name!r} keeps its key in the system keyring, but `keyring` is not installed: "
            "pip install keyring, or set the key again with `notai config set api_key`.",
            EXIT_CONFIG,
        )
    found: str | None = keyring.get_password(KEYRING_SERVICE, name)
    return found


def _no_such_profile(name: str, store: Store) -> str:
    known = ", ".join(sorted(store.profiles)) or "none yet"
    return (
        f"no profile {name!r} (profiles: {known}); create it with `notai config set --profile {name} api_key -`, "
        "or see `notai config list`."
    )


def _check(setting: str, value: str) -> str:
    """Return `value` normalized for `setting`, or raise a one-line error saying what fits."""
    from notai._config import ARGUMENT, Given, Region, locate, resolve_api_key, resolve_auth_header
    from notai._exceptions import ConfigurationError

    try:
        if setting == "api_key":
            if resolve_api_key(value, {}) is None or not value.startswith("aik_v1_"):
                raise ConfigurationError("an API key starts with aik_v1_; copy it again from the dashboard.")
            return value
        if setting == "region":
            return Region(value.strip().lower()).value
        if setting == "base_url":
            return locate(None, Given(value, "base_url ", ARGUMENT))[1]
        if setting == "auth_header":
            return resolve_auth_header(value)
    except ConfigurationError as exc:
        raise CliError(str(exc).replace("base_url=", "base_url "), EXIT_USAGE) from None
    except ValueError:
        raise CliError(f"region {value!r}: use us or eu.", EXIT_USAGE) from None
    if value not in FORMATS:
        raise CliError(f"format {value!r}: use one of {', '.join(FORMATS)}.", EXIT_USAGE)
    return value


def _setting(text: str) -> str:
    name = text.replace("-", "_").lower()
    if name not in SETTINGS:
        raise argparse.ArgumentTypeError(f"expected one of {', '.join(SETTINGS)}, got {text!r}")
    return name


def _chosen(args: argparse.Namespace, store: Store) -> str:
    name, _ = profile_name(args, os.environ, store)
    if not _NAME.fullmatch(name):
        raise CliError(f"profile name {name!r}: use letters, digits, '.', '_' or '-' (at most 64).", EXIT_USAGE)
    return name


def config_set(ctx: Context) -> None:
    """`notai config set SETTING [VALUE]`: store a setting in the profile (a key from stdin for - or no VALUE)."""
    a, path = ctx.args, config_path()
    store = load(path)
    name = _chosen(a, store)
    value = a.value
    if value in (None, "-"):
        if a.setting != "api_key" and value is None:
            raise CliError(f"give a value: notai config set {a.setting} VALUE.", EXIT_USAGE)
        value = getpass.getpass("API key: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    value = _check(a.setting, value)
    profile = store.profiles.setdefault(name, {})
    where = str(path)
    if a.setting == "api_key":
        profile.pop("api_key", None)
        profile.pop(_IN_KEYRING, None)
        keyring = _keyring()
        try:
            if keyring is None:
                raise LookupError
            keyring.set_password(KEYRING_SERVICE, name, value)
            profile[_IN_KEYRING] = True
            where = "the system keyring"
        except Exception:  # no keyring, or no usable backend: the file, readable by you alone
            profile["api_key"] = value
        shown = mask(value)
    else:
        profile[a.setting] = value
        shown = value
    store.current = store.current or name
    save(store, path)
    ctx.note(f"profile {name!r}: {a.setting} = {shown} (stored in {where}).")


def config_get(ctx: Context) -> None:
    """`notai config get SETTING`: print the profile's value (a key shown masked); exit 3 when it is unset."""
    a = ctx.args
    store = load(config_path())
    name = _chosen(a, store)
    profile = store.profiles.get(name, {})
    if a.setting == "api_key":
        key = _stored_key(name, profile) if name in store.profiles else None
        value = mask(key) if key else None
    else:
        value = profile.get(a.setting)
    if value is None:
        hint = f"set it with `notai config set {a.setting}`"
        raise CliError(f"{a.setting} is not set in profile {name!r}; {hint}.", EXIT_CONFIG)
    ctx.out.write(f"{value}\n")


def config_list(ctx: Context) -> None:
    """`notai config list`: every profile and its settings (keys masked), the current one starred."""
    path = config_path()
    store = load(path)
    out = ctx.out
    out.write(f"# {path}\n")
    if not store.profiles:
        out.write("# no profiles yet: `notai config set api_key -` reads a key from stdin into profile 'default'\n")
    current, _ = profile_name(ctx.args, os.environ, store)
    for name, profile in sorted(store.profiles.items()):
        shown = []
        for setting in SETTINGS:
            if setting == "api_key" and profile.get(_IN_KEYRING):
                shown.append("api_key=(in the system keyring)")
            elif setting in profile:
                value = mask(profile[setting]) if setting == "api_key" else profile[setting]
                shown.append(f"{setting}={value}")
        out.write(f"{'*' if name == current else ' '} {name}  {' '.join(shown)}\n")


def config_use(ctx: Context) -> None:
    """`notai config use NAME`: make NAME the profile used when neither --profile nor NOTAI_PROFILE is given."""
    path = config_path()
    store = load(path)
    if ctx.args.name not in store.profiles:
        raise CliError(_no_such_profile(ctx.args.name, store), EXIT_CONFIG)
    store.current = ctx.args.name
    save(store, path)
    ctx.note(f"now using profile {ctx.args.name!r}.")


#: Each command's examples, shown at the end of its --help (tests/test_cli_help.py runs each through the parser).
EXAMPLES = {
    "config set": (
        "notai config set region eu --profile work",
        "notai config set api_key --profile work",
    ),
    "config get": ("notai config get region",),
    "config list": ("notai config list",),
    "config use": ("notai config use work",),
}


def register(cli: Commands) -> None:
    """Add `notai config set|get|list|use`."""
    actions = cli.noun("config", "named profiles: key, region, base URL, auth header and format")

    def add(name: str, text: str, handler: Any) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text)
        parser.add_argument("--profile", metavar="NAME", default=argparse.SUPPRESS, help="default: $NOTAI_PROFILE")
        parser.set_defaults(handler=handler)
        return parser

    p = add("set", "store a setting in the profile (a key is read from stdin when VALUE is - or absent)", config_set)
    p.add_argument("setting", type=_setting, metavar="SETTING", help=", ".join(SETTINGS))
    p.add_argument("value", nargs="?", metavar="VALUE")
    p = add("get", "print a setting of the profile (a key is shown masked)", config_get)
    p.add_argument("setting", type=_setting, metavar="SETTING", help=", ".join(SETTINGS))
    add("list", "list the profiles and their settings", config_list)
    p = add("use", "use this profile when neither --profile nor NOTAI_PROFILE is given", config_use)
    p.add_argument("name", metavar="NAME")
