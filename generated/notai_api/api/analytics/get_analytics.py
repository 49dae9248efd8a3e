from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.analytics_response import AnalyticsResponse
from ...models.error_envelope import ErrorEnvelope
from ...models.group_by import GroupBy
from ...models.period import Period
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    period: Period | Unset = UNSET,
    group_by: GroupBy | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_period: str | Unset = UNSET
    if not isinstance(period, Unset):
        json_period = period

    params["period"] = json_period

    json_group_by: str | Unset = UNSET
    if not isinstance(group_by, Unset):
        json_group_by = group_by

    params["groupBy"] = json_group_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/analytics",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AnalyticsResponse | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = AnalyticsResponse.from_dict(response.json())

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
) -> Response[AnalyticsResponse | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    period: Period | Unset = UNSET,
    group_by: GroupBy | Unset = UNSET,
) -> Response[AnalyticsResponse | ErrorEnvelope]:
    """Aggregated analytics for the integration

     Summary counters, a time series bucketed by `groupBy`, bot-detection bands, user matching, top
    origins and a device breakdown over `period`.

    Args:
        period (Period | Unset): An analytics window: the last 24 hours, 7 days (the default), 30
            or 90 days.
        group_by (GroupBy | Unset): A time-series bucket size: hour, day (the default) or week.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsResponse | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        period=period,
        group_by=group_by,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    period: Period | Unset = UNSET,
    group_by: GroupBy | Unset = UNSET,
) -> AnalyticsResponse | ErrorEnvelope | None:
    """Aggregated analytics for the integration

     Summary counters, a time series bucketed by `groupBy`, bot-detection bands, user matching, top
    origins and a device breakdown over `period`.

    Args:
        period (Period | Unset): An analytics window: the last 24 hours, 7 days (the default), 30
            or 90 days.
        group_by (GroupBy | Unset): A time-series bucket size: hour, day (the default) or week.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsResponse | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        period=period,
        group_by=group_by,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    period: Period | Unset = UNSET,
    group_by: GroupBy | Unset = UNSET,
) -> Response[AnalyticsResponse | ErrorEnvelope]:
    """Aggregated analytics for the integration

     Summary counters, a time series bucketed by `groupBy`, bot-detection bands, user matching, top
    origins and a device breakdown over `period`.

    Args:
        period (Period | Unset): An analytics window: the last 24 hours, 7 days (the default), 30
            or 90 days.
        group_by (GroupBy | Unset): A time-series bucket size: hour, day (the default) or week.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AnalyticsResponse | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        period=period,
        group_by=group_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    period: Period | Unset = UNSET,
    group_by: GroupBy | Unset = UNSET,
) -> AnalyticsResponse | ErrorEnvelope | None:
    """Aggregated analytics for the integration

     Summary counters, a time series bucketed by `groupBy`, bot-detection bands, user matching, top
    origins and a device breakdown over `period`.

    Args:
        period (Period | Unset): An analytics window: the last 24 hours, 7 days (the default), 30
            or 90 days.
        group_by (GroupBy | Unset): A time-series bucket size: hour, day (the default) or week.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AnalyticsResponse | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            period=period,
            group_by=group_by,
        )
    ).parsed
