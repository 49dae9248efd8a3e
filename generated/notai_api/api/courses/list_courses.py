from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.course_list_response import CourseListResponse
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
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
        "url": "/v1/courses",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CourseListResponse | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = CourseListResponse.from_dict(response.json())

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
) -> Response[CourseListResponse | ErrorEnvelope]:
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
) -> Response[CourseListResponse | ErrorEnvelope]:
    """List LMS courses extracted from session URLs

     Reconstructed, unconfirmed: the docs page could not be read. Modelled as a list with the cursor
    envelope that the pagination guide says every list endpoint uses; the course item's fields are
    unknown, so its schema is open.

    Args:
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CourseListResponse | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        page_size=page_size,
        cursor=cursor,
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
) -> CourseListResponse | ErrorEnvelope | None:
    """List LMS courses extracted from session URLs

     Reconstructed, unconfirmed: the docs page could not be read. Modelled as a list with the cursor
    envelope that the pagination guide says every list endpoint uses; the course item's fields are
    unknown, so its schema is open.

    Args:
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CourseListResponse | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        page_size=page_size,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[CourseListResponse | ErrorEnvelope]:
    """List LMS courses extracted from session URLs

     Reconstructed, unconfirmed: the docs page could not be read. Modelled as a list with the cursor
    envelope that the pagination guide says every list endpoint uses; the course item's fields are
    unknown, so its schema is open.

    Args:
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CourseListResponse | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        page_size=page_size,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> CourseListResponse | ErrorEnvelope | None:
    """List LMS courses extracted from session URLs

     Reconstructed, unconfirmed: the docs page could not be read. Modelled as a list with the cursor
    envelope that the pagination guide says every list endpoint uses; the course item's fields are
    unknown, so its schema is open.

    Args:
        page_size (int | Unset):  Default: 50.
        cursor (str | Unset):  Example: eyJ0b2tlbiI6Ii4uLiJ9.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CourseListResponse | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            page_size=page_size,
            cursor=cursor,
        )
    ).parsed
