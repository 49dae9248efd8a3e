from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.event_list_response import EventListResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    *,
    page_size: int | Unset = 100,
    cursor: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["pageSize"] = page_size

    params["cursor"] = cursor

    params["type"] = type_

    params["startTime"] = start_time

    params["endTime"] = end_time

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sessions/{session_id}/events".format(
            session_id=quote(str(session_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | EventListResponse | None:
    if response.status_code == 200:
        response_200 = EventListResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | EventListResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 100,
    cursor: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
) -> Response[ErrorEnvelope | EventListResponse]:
    """List event-level metadata for a session

     Cursor-paginated event metadata (not payloads). Unlike the rest of the API, the time filters and the
    `timestamp` field are Unix milliseconds.

    Args:
        session_id (str):  Example: 7c1e9b52-3f4a-4d8e-9a61-2b5c0d7e8f90.
        page_size (int | Unset):  Default: 100.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.
        type_ (str | Unset):  Example: mouse_move.
        start_time (int | Unset):  Example: 1781092682000.
        end_time (int | Unset):  Example: 1781093021000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | EventListResponse]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        page_size=page_size,
        cursor=cursor,
        type_=type_,
        start_time=start_time,
        end_time=end_time,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 100,
    cursor: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
) -> ErrorEnvelope | EventListResponse | None:
    """List event-level metadata for a session

     Cursor-paginated event metadata (not payloads). Unlike the rest of the API, the time filters and the
    `timestamp` field are Unix milliseconds.

    Args:
        session_id (str):  Example: 7c1e9b52-3f4a-4d8e-9a61-2b5c0d7e8f90.
        page_size (int | Unset):  Default: 100.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.
        type_ (str | Unset):  Example: mouse_move.
        start_time (int | Unset):  Example: 1781092682000.
        end_time (int | Unset):  Example: 1781093021000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | EventListResponse
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        page_size=page_size,
        cursor=cursor,
        type_=type_,
        start_time=start_time,
        end_time=end_time,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 100,
    cursor: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
) -> Response[ErrorEnvelope | EventListResponse]:
    """List event-level metadata for a session

     Cursor-paginated event metadata (not payloads). Unlike the rest of the API, the time filters and the
    `timestamp` field are Unix milliseconds.

    Args:
        session_id (str):  Example: 7c1e9b52-3f4a-4d8e-9a61-2b5c0d7e8f90.
        page_size (int | Unset):  Default: 100.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.
        type_ (str | Unset):  Example: mouse_move.
        start_time (int | Unset):  Example: 1781092682000.
        end_time (int | Unset):  Example: 1781093021000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | EventListResponse]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        page_size=page_size,
        cursor=cursor,
        type_=type_,
        start_time=start_time,
        end_time=end_time,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 100,
    cursor: str | Unset = UNSET,
    type_: str | Unset = UNSET,
    start_time: int | Unset = UNSET,
    end_time: int | Unset = UNSET,
) -> ErrorEnvelope | EventListResponse | None:
    """List event-level metadata for a session

     Cursor-paginated event metadata (not payloads). Unlike the rest of the API, the time filters and the
    `timestamp` field are Unix milliseconds.

    Args:
        session_id (str):  Example: 7c1e9b52-3f4a-4d8e-9a61-2b5c0d7e8f90.
        page_size (int | Unset):  Default: 100.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.
        type_ (str | Unset):  Example: mouse_move.
        start_time (int | Unset):  Example: 1781092682000.
        end_time (int | Unset):  Example: 1781093021000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | EventListResponse
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            page_size=page_size,
            cursor=cursor,
            type_=type_,
            start_time=start_time,
            end_time=end_time,
        )
    ).parsed
