"""The as-of day for asset-triggered runs.

Airflow 3 gives asset-triggered runs no logical date, so `{{ ds }}` does not exist there. Each
Gridata asset event carries the day it covers in `extra["ds"]`; a consumer's as-of day is the latest
day that every input has reached: min over inputs of (max ds among that input's events). That way
customer 360 never claims a day one of its inputs has not been checked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

DS_KEY = "ds"
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class AsOfDateError(ValueError):
    """No as-of day can be derived for this run."""


def _checked_day(value: Any, source: str) -> str:
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        raise AsOfDateError(f"{source}: expected a day as YYYY-MM-DD, found {value!r}")
    return value


def as_of_date_from_events(events_by_asset: Mapping[str, Sequence[Mapping[str, Any]]], required: Iterable[str]) -> str:
    """events_by_asset maps an asset name to the `extra` dicts of its triggering events."""
    latest_per_asset: dict[str, str] = {}
    for name in required:
        extras = events_by_asset.get(name) or []
        days = [_checked_day(extra.get(DS_KEY), f"asset event of {name}") for extra in extras if DS_KEY in extra]
        if not days:
            raise AsOfDateError(f"no triggering event of {name} says which day it covers (extra['{DS_KEY}'])")
        latest_per_asset[name] = max(days)
    if not latest_per_asset:
        raise AsOfDateError("no input assets given")
    return min(latest_per_asset.values())


def resolve_as_of_date(context: Mapping[str, Any], required_assets: Sequence[Any]) -> str:
    """As-of day for a run: an explicit `as_of_date` in the run conf, else the triggering asset events,
    else the logical date of a run that has one."""
    dag_run = context.get("dag_run")
    conf = getattr(dag_run, "conf", None) or {}
    if conf.get("as_of_date"):
        return _checked_day(conf["as_of_date"], "dag_run.conf['as_of_date']")
    triggering = context.get("triggering_asset_events") or {}
    if len(triggering):
        events_by_asset = {
            asset.name: [dict(event.extra or {}) for event in triggering.get(asset, [])] for asset in required_assets
        }
        return as_of_date_from_events(events_by_asset, [asset.name for asset in required_assets])
    if context.get("ds"):
        return _checked_day(context["ds"], "logical date")
    raise AsOfDateError(
        "run has no triggering asset events, no logical date and no conf['as_of_date']; "
        "trigger it with conf {\"as_of_date\": \"YYYY-MM-DD\"}"
    )
