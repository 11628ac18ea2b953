"""The as-of day of an asset-triggered customer 360 run."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gridata_dags.as_of import AsOfDateError, as_of_date_from_events, resolve_as_of_date
from gridata_dags.assets import CLICKSTREAM_DAILY, CUSTOMER_360_INPUTS, CUSTOMERS, ORDERS

INPUTS = [asset.name for asset in CUSTOMER_360_INPUTS]


def test_latest_day_every_input_has_reached():
    by_asset = {
        ORDERS.name: [{"ds": "2024-01-14"}, {"ds": "2024-01-15"}],
        CUSTOMERS.name: [{"ds": "2024-01-15"}],
        CLICKSTREAM_DAILY.name: [{"ds": "2024-01-13"}, {"ds": "2024-01-14"}],
    }
    assert as_of_date_from_events(by_asset, INPUTS) == "2024-01-14"


def test_all_inputs_on_the_same_day():
    by_asset = {name: [{"ds": "2024-01-15", "run_id": "r"}] for name in INPUTS}
    assert as_of_date_from_events(by_asset, INPUTS) == "2024-01-15"


def test_an_input_without_events_is_named():
    by_asset = {ORDERS.name: [{"ds": "2024-01-15"}], CUSTOMERS.name: [{"ds": "2024-01-15"}]}
    with pytest.raises(AsOfDateError, match="gridata.analytics.clickstream_daily"):
        as_of_date_from_events(by_asset, INPUTS)


def test_an_event_without_a_day_does_not_count():
    by_asset = {name: [{"ds": "2024-01-15"}] for name in INPUTS}
    by_asset[CUSTOMERS.name] = [{"run_id": "no day here"}]
    with pytest.raises(AsOfDateError, match=r"gridata.ecommerce.customers says which day"):
        as_of_date_from_events(by_asset, INPUTS)


def test_a_malformed_day_is_refused():
    by_asset = {name: [{"ds": "2024-01-15"}] for name in INPUTS}
    by_asset[ORDERS.name] = [{"ds": "15/01/2024"}]
    with pytest.raises(AsOfDateError, match="expected a day as YYYY-MM-DD, found '15/01/2024'"):
        as_of_date_from_events(by_asset, INPUTS)


def asset_events(days_by_asset):
    return {asset: [SimpleNamespace(extra={"ds": day}) for day in days] for asset, days in days_by_asset.items()}


def test_resolve_prefers_an_explicit_conf_day_over_events():
    context = {
        "dag_run": SimpleNamespace(conf={"as_of_date": "2024-01-10"}),
        "triggering_asset_events": asset_events({ORDERS: ["2024-01-15"]}),
    }
    assert resolve_as_of_date(context, CUSTOMER_360_INPUTS) == "2024-01-10"


def test_resolve_uses_triggering_events():
    context = {
        "dag_run": SimpleNamespace(conf={}),
        "triggering_asset_events": asset_events(
            {ORDERS: ["2024-01-15"], CUSTOMERS: ["2024-01-15"], CLICKSTREAM_DAILY: ["2024-01-15"]}
        ),
    }
    assert resolve_as_of_date(context, CUSTOMER_360_INPUTS) == "2024-01-15"


def test_resolve_falls_back_to_a_logical_date():
    context = {"dag_run": SimpleNamespace(conf=None), "triggering_asset_events": {}, "ds": "2024-01-20"}
    assert resolve_as_of_date(context, CUSTOMER_360_INPUTS) == "2024-01-20"


def test_resolve_without_any_source_explains_how_to_trigger():
    context = {"dag_run": SimpleNamespace(conf={}), "triggering_asset_events": {}}
    with pytest.raises(AsOfDateError, match=r'conf \{"as_of_date": "YYYY-MM-DD"\}'):
        resolve_as_of_date(context, CUSTOMER_360_INPUTS)
