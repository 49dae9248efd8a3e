from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.integration_response import IntegrationResponse
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/integration",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | IntegrationResponse | None:
    if response.status_code == 200:
        response_200 = IntegrationResponse.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if 500 <= response.status_code <= 599:
        response_5xx = ErrorEnvelope.from_dict(response.json())

        return response_5xx

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorEnvelope | IntegrationResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorEnvelope | IntegrationResponse]:
    """Get the integration this API key resolved to

     Echoes the integration the presented key matched. The recommended smoke test and the first call for
    AI agents. Reconstructed, unconfirmed: the docs page could not be read; only `apiKeyMasked` is
    known, and the `data` envelope follows the convention of the other single-object operations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | IntegrationResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | IntegrationResponse | None:
    """Get the integration this API key resolved to

     Echoes the integration the presented key matched. The recommended smoke test and the first call for
    AI agents. Reconstructed, unconfirmed: the docs page could not be read; only `apiKeyMasked` is
    known, and the `data` envelope follows the convention of the other single-object operations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | IntegrationResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorEnvelope | IntegrationResponse]:
    """Get the integration this API key resolved to

     Echoes the integration the presented key matched. The recommended smoke test and the first call for
    AI agents. Reconstructed, unconfirmed: the docs page could not be read; only `apiKeyMasked` is
    known, and the `data` envelope follows the convention of the other single-object operations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | IntegrationResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | IntegrationResponse | None:
    """Get the integration this API key resolved to

     Echoes the integration the presented key matched. The recommended smoke test and the first call for
    AI agents. Reconstructed, unconfirmed: the docs page could not be read; only `apiKeyMasked` is
    known, and the `data` envelope follows the convention of the other single-object operations.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | IntegrationResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
