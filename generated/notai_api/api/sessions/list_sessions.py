import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.session_list_response import SessionListResponse
from ...models.session_status import SessionStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: SessionStatus | str | Unset = UNSET,
    bot_only: bool | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["pageSize"] = page_size

    params["cursor"] = cursor

    json_status: str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, str):
        json_status = status
    else:
        json_status = status
    params["status"] = json_status

    params["botOnly"] = bot_only

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["startDate"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["endDate"] = json_end_date

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sessions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | SessionListResponse | None:
    if response.status_code == 200:
        response_200 = SessionListResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | SessionListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: SessionStatus | str | Unset = UNSET,
    bot_only: bool | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
) -> Response[ErrorEnvelope | SessionListResponse]:
    """List tracking sessions for the caller's integration

     Cursor-paginated; the sort order is not documented. A `startDate` outside the plan tier's history
    window (Free 7 days, Pro 30 days, Enterprise up to 7 years) returns an empty page, not an error.

    Args:
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.
        status (SessionStatus | str | Unset):
        bot_only (bool | Unset):
        start_date (datetime.datetime | Unset):  Example: 2026-06-01T00:00:00Z.
        end_date (datetime.datetime | Unset):  Example: 2026-06-10T00:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SessionListResponse]
    """

    kwargs = _get_kwargs(
        page_size=page_size,
        cursor=cursor,
        status=status,
        bot_only=bot_only,
        start_date=start_date,
        end_date=end_date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: SessionStatus | str | Unset = UNSET,
    bot_only: bool | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
) -> ErrorEnvelope | SessionListResponse | None:
    """List tracking sessions for the caller's integration

     Cursor-paginated; the sort order is not documented. A `startDate` outside the plan tier's history
    window (Free 7 days, Pro 30 days, Enterprise up to 7 years) returns an empty page, not an error.

    Args:
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.
        status (SessionStatus | str | Unset):
        bot_only (bool | Unset):
        start_date (datetime.datetime | Unset):  Example: 2026-06-01T00:00:00Z.
        end_date (datetime.datetime | Unset):  Example: 2026-06-10T00:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SessionListResponse
    """

    return sync_detailed(
        client=client,
        page_size=page_size,
        cursor=cursor,
        status=status,
        bot_only=bot_only,
        start_date=start_date,
        end_date=end_date,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: SessionStatus | str | Unset = UNSET,
    bot_only: bool | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
) -> Response[ErrorEnvelope | SessionListResponse]:
    """List tracking sessions for the caller's integration

     Cursor-paginated; the sort order is not documented. A `startDate` outside the plan tier's history
    window (Free 7 days, Pro 30 days, Enterprise up to 7 years) returns an empty page, not an error.

    Args:
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.
        status (SessionStatus | str | Unset):
        bot_only (bool | Unset):
        start_date (datetime.datetime | Unset):  Example: 2026-06-01T00:00:00Z.
        end_date (datetime.datetime | Unset):  Example: 2026-06-10T00:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | SessionListResponse]
    """

    kwargs = _get_kwargs(
        page_size=page_size,
        cursor=cursor,
        status=status,
        bot_only=bot_only,
        start_date=start_date,
        end_date=end_date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
    status: SessionStatus | str | Unset = UNSET,
    bot_only: bool | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
) -> ErrorEnvelope | SessionListResponse | None:
    """List tracking sessions for the caller's integration

     Cursor-paginated; the sort order is not documented. A `startDate` outside the plan tier's history
    window (Free 7 days, Pro 30 days, Enterprise up to 7 years) returns an empty page, not an error.

    Args:
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.
        status (SessionStatus | str | Unset):
        bot_only (bool | Unset):
        start_date (datetime.datetime | Unset):  Example: 2026-06-01T00:00:00Z.
        end_date (datetime.datetime | Unset):  Example: 2026-06-10T00:00:00Z.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | SessionListResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            page_size=page_size,
            cursor=cursor,
            status=status,
            bot_only=bot_only,
            start_date=start_date,
            end_date=end_date,
        )
    ).parsed
