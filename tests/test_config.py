"""Configuration: key, region and base URL resolution, and the errors bad values give."""

from __future__ import annotations

import httpx
import pytest

import notai
from tests.conftest import EU_KEY, KEY, MockAPI


def mock_client(api: MockAPI, **kwargs: object) -> notai.NotAI:
    return notai.NotAI(http_client=httpx.Client(transport=httpx.MockTransport(api)), **kwargs)  # type: ignore[arg-type]


def test_region_defaults_to_us() -> None:
    """With no region anywhere, the client talks to the US host."""
    client = notai.NotAI(KEY)
    assert client.region is notai.Region.US
    assert client.base_url == "https://api.isnotai.com"


@pytest.mark.parametrize("value", ["eu", "EU", " Eu ", notai.Region.EU])
def test_region_argument_is_case_insensitive(value: str) -> None:
    """region= accepts the enum or any casing of its value."""
    client = notai.NotAI(KEY, region=value)
    assert client.region is notai.Region.EU
    assert client.base_url == "https://api-eu.isnotai.com"


def test_region_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """ISNOTAI_REGION is used when no argument is given, and the argument wins over it."""
    monkeypatch.setenv("ISNOTAI_REGION", "EU")
    assert notai.NotAI(KEY).region is notai.Region.EU
    assert notai.NotAI(KEY, region="us").region is notai.Region.US


def test_unknown_region_says_what_is_allowed() -> None:
    """An unknown region raises ConfigurationError naming the valid regions."""
    with pytest.raises(notai.ConfigurationError, match="'us' or 'eu'"):
        notai.NotAI(KEY, region="apac")


def test_configuration_error_is_a_value_error() -> None:
    """ConfigurationError is both a NotAIError and a ValueError."""
    assert issubclass(notai.ConfigurationError, notai.NotAIError)
    assert issubclass(notai.ConfigurationError, ValueError)


def test_key_from_environment(api: MockAPI, monkeypatch: pytest.MonkeyPatch) -> None:
    """ISNOTAI_API_KEY is sent when no key argument is given; the argument wins over it."""
    monkeypatch.setenv("ISNOTAI_API_KEY", EU_KEY)
    mock_client(api).stats.get()
    assert api.last.headers["authorization"] == f"Bearer {EU_KEY}"
    mock_client(api, api_key=KEY).stats.get()
    assert api.last.headers["authorization"] == f"Bearer {KEY}"


def test_missing_key_raises_before_any_request(api: MockAPI) -> None:
    """A call that needs a key raises ConfigurationError, explaining how to supply one, and sends nothing."""
    client = mock_client(api)
    with pytest.raises(notai.ConfigurationError, match="ISNOTAI_API_KEY"):
        client.sessions.get("s1")
    assert api.requests == []


def test_health_needs_no_key(api: MockAPI) -> None:
    """health() works without a key and sends no credential."""
    api.reply_json({"status": "healthy", "version": "1.0.17.0", "timestamp": "2026-06-10T12:00:00.0000000+00:00"})
    assert mock_client(api).health().status == "healthy"
    assert "authorization" not in api.last.headers
    assert "x-api-key" not in api.last.headers


@pytest.mark.parametrize("bad", ["aik_v1_abc def", "aik_v1_abc\n", "aik_v1_\x00abc", "aik_v1_ключ", "\taik_v1_x"])
def test_unsendable_key_is_rejected_without_echoing_it(bad: str) -> None:
    """A key with whitespace, control or non-ASCII characters raises, and the message omits the key."""
    with pytest.raises(notai.ConfigurationError) as info:
        notai.NotAI(bad)
    assert bad.strip() not in str(info.value)
    assert "aik_v1_" in str(info.value)  # the message tells what a key looks like


@pytest.mark.parametrize("url", ["http://api.isnotai.com", "http://10.0.0.5:8080", "ftp://example.com"])
def test_base_url_must_be_https_unless_loopback(url: str) -> None:
    """Plain http is refused for non-loopback hosts, with a message saying why."""
    with pytest.raises(notai.ConfigurationError, match="https"):
        notai.NotAI(KEY, base_url=url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080", "http://localhost:9000/", "http://[::1]:8000"])
def test_plain_http_is_allowed_for_loopback(url: str) -> None:
    """Loopback hosts may use plain http (the sandbox), and a trailing slash is dropped."""
    assert notai.NotAI(KEY, base_url=url).base_url == url.rstrip("/")


def test_base_url_with_credentials_is_refused() -> None:
    """A base URL carrying user:password is refused."""
    with pytest.raises(notai.ConfigurationError, match="user:password"):
        notai.NotAI(KEY, base_url="https://user:pw@api.isnotai.com")


def test_base_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """ISNOTAI_BASE_URL overrides the region's host; the argument overrides both."""
    monkeypatch.setenv("ISNOTAI_BASE_URL", "http://127.0.0.1:8080")
    assert notai.NotAI(KEY).base_url == "http://127.0.0.1:8080"
    assert notai.NotAI(KEY, base_url="https://proxy.example.com").base_url == "https://proxy.example.com"


def test_requests_go_to_the_regional_host(api: MockAPI) -> None:
    """An EU client sends its requests to the EU host."""
    mock_client(api, api_key=KEY, region="eu").stats.get()
    assert api.last.url.host == "api-eu.isnotai.com"


@pytest.mark.parametrize(
    ("auth_header", "name", "value"), [("bearer", "authorization", f"Bearer {KEY}"), ("x-api-key", "x-api-key", KEY)]
)
def test_auth_header_choice(api: MockAPI, auth_header: str, name: str, value: str) -> None:
    """The key goes in exactly one header: Authorization Bearer by default, or x-api-key."""
    mock_client(api, api_key=KEY, auth_header=auth_header).stats.get()
    assert api.last.headers[name] == value
    other = "x-api-key" if name == "authorization" else "authorization"
    assert other not in api.last.headers


def test_unknown_auth_header_is_refused() -> None:
    """auth_header accepts only 'bearer' or 'x-api-key'."""
    with pytest.raises(notai.ConfigurationError, match="x-api-key"):
        notai.NotAI(KEY, auth_header="basic")


@pytest.mark.parametrize("value", [-1, 1.5, True])
def test_bad_max_retries_is_refused(value: object) -> None:
    """max_retries must be a non-negative int."""
    with pytest.raises(notai.ConfigurationError, match="max_retries"):
        notai.NotAI(KEY, max_retries=value)  # type: ignore[arg-type]


def test_wrong_http_client_type_is_refused() -> None:
    """The sync client refuses an AsyncClient, naming the right class to use."""
    with pytest.raises(notai.ConfigurationError, match="AsyncNotAI"):
        notai.NotAI(KEY, http_client=httpx.AsyncClient())  # type: ignore[arg-type]


def test_user_agent_names_the_sdk(api: MockAPI) -> None:
    """Every request carries a User-Agent with the SDK's name and version."""
    mock_client(api, api_key=KEY).stats.get()
    assert api.last.headers["user-agent"].startswith(f"notai-python/{notai.__version__} ")


def test_user_client_default_headers_are_kept(api: MockAPI) -> None:
    """Default headers of a user's http_client still reach the API."""
    http = httpx.Client(transport=httpx.MockTransport(api), headers={"X-Trace": "abc"})
    notai.NotAI(KEY, http_client=http).stats.get()
    assert api.last.headers["x-trace"] == "abc"


def test_with_options_changes_timeout_and_shares_the_pool(api: MockAPI) -> None:
    """with_options returns a copy with its own timeout and retries, sending through the same pool."""
    client = mock_client(api, api_key=KEY)
    fast = client.with_options(timeout=1.5, max_retries=0)
    assert (fast.timeout, fast.max_retries) == (1.5, 0)
    assert (client.timeout, client.max_retries) == (30.0, 2)
    assert fast._http is client._http
    fast.stats.get()
    assert api.last.extensions["timeout"]["read"] == 1.5
    client.stats.get()
    assert api.last.extensions["timeout"]["read"] == 30.0


def test_close_closes_only_the_sdk_owned_pool() -> None:
    """close() closes the client the SDK made, but leaves a user's http_client open."""
    user_http = httpx.Client()
    notai.NotAI(KEY, http_client=user_http).close()
    assert not user_http.is_closed
    closed: list[bool] = []

    class Pool(httpx.MockTransport):
        def close(self) -> None:
            closed.append(True)

    owned = notai.NotAI(KEY)
    owned._http._transport = Pool(lambda request: httpx.Response(200))
    owned.with_options(timeout=1).close()
    assert closed == []  # a with_options copy shares the pool and leaves it open
    owned.close()
    assert closed == [True]


def test_environment_proxy_is_used_unless_exempt(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDK's own pool goes through HTTPS_PROXY, except for hosts NO_PROXY exempts."""
    from notai._proxy import environment_proxy

    for name in ("https_proxy", "all_proxy", "no_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    monkeypatch.setenv("NO_PROXY", "internal.example.com")
    assert environment_proxy("https://api.isnotai.com") == "http://proxy.internal:3128"
    assert environment_proxy("https://internal.example.com") is None
    assert environment_proxy("http://127.0.0.1:8080") is None  # loopback never goes through a proxy
    monkeypatch.delenv("HTTPS_PROXY")
    assert environment_proxy("https://api-eu.isnotai.com") is None


def test_region_argument_beats_base_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """region= is explicit, ISNOTAI_BASE_URL is not: the region's host is used (issue 20: it was ignored)."""
    monkeypatch.setenv("ISNOTAI_BASE_URL", "http://127.0.0.1:8080")
    client = notai.NotAI(KEY, region="eu")
    assert (client.region, client.base_url) == (notai.Region.EU, "https://api-eu.isnotai.com")


def test_base_url_argument_on_a_region_host_names_that_region(monkeypatch: pytest.MonkeyPatch) -> None:
    """base_url= on the EU host beats ISNOTAI_REGION=us, and the client reports the region it really talks to."""
    monkeypatch.setenv("ISNOTAI_REGION", "us")
    client = notai.NotAI(KEY, base_url="https://api-eu.isnotai.com/")
    assert (client.region, client.base_url) == (notai.Region.EU, "https://api-eu.isnotai.com")


def test_region_and_base_url_arguments_that_disagree_are_refused() -> None:
    """region='eu' with base_url= the US host is a contradiction: refused, naming both and the fix."""
    with pytest.raises(notai.ConfigurationError) as info:
        notai.NotAI(KEY, region="eu", base_url="https://api.isnotai.com")
    text = str(info.value)
    assert "region=eu" in text and "base_url=https://api.isnotai.com" in text and "https://api-eu.isnotai.com" in text


def test_region_and_base_url_from_environment_that_disagree_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """ISNOTAI_REGION and ISNOTAI_BASE_URL are at one level too: naming different regions is refused."""
    monkeypatch.setenv("ISNOTAI_REGION", "us")
    monkeypatch.setenv("ISNOTAI_BASE_URL", "https://api-eu.isnotai.com")
    with pytest.raises(notai.ConfigurationError, match="ISNOTAI_REGION=us and ISNOTAI_BASE_URL="):
        notai.NotAI(KEY)


def test_region_with_any_other_base_url_keeps_both() -> None:
    """A base URL that is no region's host (a sandbox, a proxy) is used, labelled with the region given."""
    client = notai.NotAI(KEY, region="eu", base_url="http://127.0.0.1:9")
    assert (client.region, client.base_url) == (notai.Region.EU, "http://127.0.0.1:9")


def test_region_argument_routes_requests_past_the_environment_base_url(
    api: MockAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The request itself goes to the EU host, not to ISNOTAI_BASE_URL."""
    monkeypatch.setenv("ISNOTAI_BASE_URL", "http://127.0.0.1:8080")
    mock_client(api, api_key=KEY, region="eu").stats.get()
    assert api.last.url.host == "api-eu.isnotai.com"
