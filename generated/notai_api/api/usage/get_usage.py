import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.metric import Metric
from ...models.usage_response import UsageResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    metric: Metric | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["startDate"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["endDate"] = json_end_date

    json_metric: str | Unset = UNSET
    if not isinstance(metric, Unset):
        json_metric = metric

    params["metric"] = json_metric

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/usage",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | UsageResponse | None:
    if response.status_code == 200:
        response_200 = UsageResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | UsageResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    metric: Metric | Unset = UNSET,
) -> Response[ErrorEnvelope | UsageResponse]:
    """Get API consumption metrics for the integration over a date range

     Unlike the other single-object operations, the payload is not wrapped in `data`; its own `data` is
    the list of points and it has no pagination. A `startDate` outside the tier's history window gives
    an empty list, not an error.

    Args:
        start_date (datetime.datetime | Unset):  Example: 2026-05-11T00:00:00Z.
        end_date (datetime.datetime | Unset):  Example: 2026-06-10T00:00:00Z.
        metric (Metric | Unset): A usage metric. The server matches a `metric` parameter case-
            insensitively; clients send the spelling listed here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | UsageResponse]
    """

    kwargs = _get_kwargs(
        start_date=start_date,
        end_date=end_date,
        metric=metric,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    metric: Metric | Unset = UNSET,
) -> ErrorEnvelope | UsageResponse | None:
    """Get API consumption metrics for the integration over a date range

     Unlike the other single-object operations, the payload is not wrapped in `data`; its own `data` is
    the list of points and it has no pagination. A `startDate` outside the tier's history window gives
    an empty list, not an error.

    Args:
        start_date (datetime.datetime | Unset):  Example: 2026-05-11T00:00:00Z.
        end_date (datetime.datetime | Unset):  Example: 2026-06-10T00:00:00Z.
        metric (Metric | Unset): A usage metric. The server matches a `metric` parameter case-
            insensitively; clients send the spelling listed here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | UsageResponse
    """

    return sync_detailed(
        client=client,
        start_date=start_date,
        end_date=end_date,
        metric=metric,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    metric: Metric | Unset = UNSET,
) -> Response[ErrorEnvelope | UsageResponse]:
    """Get API consumption metrics for the integration over a date range

     Unlike the other single-object operations, the payload is not wrapped in `data`; its own `data` is
    the list of points and it has no pagination. A `startDate` outside the tier's history window gives
    an empty list, not an error.

    Args:
        start_date (datetime.datetime | Unset):  Example: 2026-05-11T00:00:00Z.
        end_date (datetime.datetime | Unset):  Example: 2026-06-10T00:00:00Z.
        metric (Metric | Unset): A usage metric. The server matches a `metric` parameter case-
            insensitively; clients send the spelling listed here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | UsageResponse]
    """

    kwargs = _get_kwargs(
        start_date=start_date,
        end_date=end_date,
        metric=metric,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    metric: Metric | Unset = UNSET,
) -> ErrorEnvelope | UsageResponse | None:
    """Get API consumption metrics for the integration over a date range

     Unlike the other single-object operations, the payload is not wrapped in `data`; its own `data` is
    the list of points and it has no pagination. A `startDate` outside the tier's history window gives
    an empty list, not an error.

    Args:
        start_date (datetime.datetime | Unset):  Example: 2026-05-11T00:00:00Z.
        end_date (datetime.datetime | Unset):  Example: 2026-06-10T00:00:00Z.
        metric (Metric | Unset): A usage metric. The server matches a `metric` parameter case-
            insensitively; clients send the spelling listed here.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | UsageResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            start_date=start_date,
            end_date=end_date,
            metric=metric,
        )
    ).parsed
