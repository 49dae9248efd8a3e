from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.user_sessions_response import UserSessionsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    user_id: str,
    *,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["pageSize"] = page_size

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/users/{user_id}/sessions".format(
            user_id=quote(str(user_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | UserSessionsResponse | None:
    if response.status_code == 200:
        response_200 = UserSessionsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

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
) -> Response[ErrorEnvelope | UserSessionsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[ErrorEnvelope | UserSessionsResponse]:
    """Get sessions for an LMS user (paginated)

     The item schema is reconstructed, unconfirmed: the docs' field tree for UserSessionsResponse could
    not be read; its parameter text refers to `PublicSession`, so the items are modelled as
    PublicSession. The docs declare no 404; whether an unknown user gives 404 or an empty page is not
    documented.

    Args:
        user_id (str):  Example: lms-48213.
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | UserSessionsResponse]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        page_size=page_size,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> ErrorEnvelope | UserSessionsResponse | None:
    """Get sessions for an LMS user (paginated)

     The item schema is reconstructed, unconfirmed: the docs' field tree for UserSessionsResponse could
    not be read; its parameter text refers to `PublicSession`, so the items are modelled as
    PublicSession. The docs declare no 404; whether an unknown user gives 404 or an empty page is not
    documented.

    Args:
        user_id (str):  Example: lms-48213.
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | UserSessionsResponse
    """

    return sync_detailed(
        user_id=user_id,
        client=client,
        page_size=page_size,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[ErrorEnvelope | UserSessionsResponse]:
    """Get sessions for an LMS user (paginated)

     The item schema is reconstructed, unconfirmed: the docs' field tree for UserSessionsResponse could
    not be read; its parameter text refers to `PublicSession`, so the items are modelled as
    PublicSession. The docs declare no 404; whether an unknown user gives 404 or an empty page is not
    documented.

    Args:
        user_id (str):  Example: lms-48213.
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | UserSessionsResponse]
    """

    kwargs = _get_kwargs(
        user_id=user_id,
        page_size=page_size,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    user_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> ErrorEnvelope | UserSessionsResponse | None:
    """Get sessions for an LMS user (paginated)

     The item schema is reconstructed, unconfirmed: the docs' field tree for UserSessionsResponse could
    not be read; its parameter text refers to `PublicSession`, so the items are modelled as
    PublicSession. The docs declare no 404; whether an unknown user gives 404 or an empty page is not
    documented.

    Args:
        user_id (str):  Example: lms-48213.
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | UserSessionsResponse
    """

    return (
        await asyncio_detailed(
            user_id=user_id,
            client=client,
            page_size=page_size,
            cursor=cursor,
        )
    ).parsed
