"""DuckDB yardstick for the benchmark: the same work as process_orders and customer_360 on the same generated
landing day, written independently in DuckDB SQL (bench and its tests only; not used by the jobs).

process_orders: read the JSON Lines, validate every line by the same contract (one object per line, JSON kinds,
required fields non-blank at any depth, full ISO-8601 date-times, enums, items, totals; first reason by the same
precedence), quarantine the rejects as JSON Lines, keep the latest version of each order, derive the curated
columns and write Parquet partitioned by day (zstd). customer_360: the same metrics, exact-value LTV and segment,
R/F/M quintiles over known buyers and clickstream totals from customers, those orders and clickstream_daily,
written as Parquet. The results are compared with Spark's, so the yardstick is also an independent check."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from .avro_schema import enum_symbols

ISO_DATE_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$"
_STRING_FIELDS = ["order_id", "customer_id", "order_date", "updated_at", "order_status", "payment_method", "source"]
_NUMBER_FIELDS = ["subtotal", "tax", "shipping_cost", "discount"]
_ADDRESS_FIELDS = ["street", "city", "state", "postal_code", "country"]
_ITEM_STRINGS = ["product_id", "product_name", "category"]
_NUMBER_TYPES = "('DOUBLE', 'UBIGINT', 'BIGINT')"
_INT_TYPES = "('UBIGINT', 'BIGINT')"


def _sql_list(values) -> str:
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def _connect(threads: int):
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET threads = {threads}")
    con.execute("SET preserve_insertion_order = false")
    return con


def _ts(expr: str) -> str:
    return f"CASE WHEN regexp_full_match({expr}, '{ISO_DATE_TIME}') THEN try_cast({expr} AS TIMESTAMPTZ)::TIMESTAMP END"


def process_orders(landing_dir: str, out_dir: str, threads: int = 2) -> dict:
    """Validate, quarantine, deduplicate and write the day's orders; returns the accounting and seconds."""
    started = time.time()
    con = _connect(threads)
    con.execute("SET TimeZone = 'UTC'")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # One multi-path json_type call per line (one parse) for the top level and the address, one per item.
    top_paths = ([f"$.{f}" for f in _STRING_FIELDS] + [f"$.shipping_address.{f}" for f in _ADDRESS_FIELDS]
                 + [f"$.{f}" for f in _NUMBER_FIELDS] + ["$.items", "$.shipping_address"])
    item_paths = [f"$.{f}" for f in _ITEM_STRINGS] + ["$.quantity", "$.unit_price", "$.discount_pct"]
    top_list = "[" + ", ".join(f"'{p}'" for p in top_paths) + "]"
    item_list = "[" + ", ".join(f"'{p}'" for p in item_paths) + "]"
    n_strings = len(_STRING_FIELDS) + len(_ADDRESS_FIELDS)
    top_ok = " AND ".join(
        [f"coalesce(k[{i + 1}] IN ('VARCHAR', 'NULL'), true)" for i in range(n_strings)]
        + [f"coalesce(k[{n_strings + i + 1}] IN {_NUMBER_TYPES} OR k[{n_strings + i + 1}] = 'NULL', true)"
           for i in range(len(_NUMBER_FIELDS))]
        + [f"coalesce(k[{len(top_paths) - 1}] IN ('ARRAY', 'NULL'), true)",
           f"coalesce(k[{len(top_paths)}] IN ('OBJECT', 'NULL'), true)"]
    )
    item_ok = " AND ".join(
        [f"coalesce(t[{i + 1}] IN ('VARCHAR', 'NULL'), true)" for i in range(len(_ITEM_STRINGS))]
        + [f"coalesce(t[{len(_ITEM_STRINGS) + 1}] IN {_INT_TYPES} OR t[{len(_ITEM_STRINGS) + 1}] = 'NULL', true)"]
        + [f"coalesce(t[{len(_ITEM_STRINGS) + i}] IN {_NUMBER_TYPES} OR t[{len(_ITEM_STRINGS) + i}] = 'NULL', true)"
           for i in (2, 3)]
    )
    well_formed = (
        f"json_type(line) = 'OBJECT' AND {top_ok} AND "
        f"coalesce(list_bool_and(list_transform(item_json, lambda x: "
        f"json_type(x) = 'OBJECT' AND list_bool_and([{item_ok.replace('t[', 'json_type(x, ' + item_list + ')[')}]))), true)"
    )
    item = "{" + ", ".join([f'"{f}": "VARCHAR"' for f in _ITEM_STRINGS]
                           + ['"quantity": "INTEGER"', '"unit_price": "DOUBLE"', '"discount_pct": "DOUBLE"']) + "}"
    address = "{" + ", ".join(f'"{f}": "VARCHAR"' for f in _ADDRESS_FIELDS) + "}"
    structure = ("{" + ", ".join([f'"{f}": "VARCHAR"' for f in _STRING_FIELDS] + [f'"{f}": "DOUBLE"' for f in _NUMBER_FIELDS]
                                 + [f'"items": [{item}]', f'"shipping_address": {address}']) + "}")
    blank = lambda e: f"(({e}) IS NULL OR trim({e}) = '')"  # noqa: E731
    missing_required = " OR ".join(
        [blank(f"r.{f}") for f in ("order_date", "order_status", "payment_method", "source")]
        + [f"r.{f} IS NULL" for f in ("subtotal", "tax", "shipping_cost")]
        + ["r.items IS NULL", "r.shipping_address IS NULL"]
        + [blank(f"r.shipping_address.{f}") for f in _ADDRESS_FIELDS]
        + ["list_bool_or(list_transform(r.items, lambda i: i IS NULL OR "
           + " OR ".join([blank(f"i.{f}") for f in _ITEM_STRINGS] + ["i.quantity IS NULL", "i.unit_price IS NULL"])
           + "))"]
    )
    invalid_ts = " OR ".join(f"(r.{f} IS NOT NULL AND {_ts(f'r.{f}')} IS NULL)" for f in ("order_date", "updated_at"))
    con.execute(f"""
        CREATE TEMP TABLE validated AS
        WITH raw AS (
            SELECT line, filename AS source_file FROM read_csv('{landing_dir}/*.jsonl', columns = {{'line': 'VARCHAR'}},
                delim = '{chr(1)}', quote = '', escape = '', header = false, auto_detect = false, filename = true)
        ), valid_json AS (
            SELECT line, source_file, json_valid(line) AS valid FROM raw
        ), kinds AS (
            SELECT line, source_file, valid, CASE WHEN valid THEN json_type(line, {top_list}) END AS k,
                   CASE WHEN valid THEN json_extract(line, '$.items[*]') END AS item_json
            FROM valid_json
        ), checked AS (
            SELECT line, source_file,
                   CASE WHEN valid THEN coalesce({well_formed}, false) ELSE false END AS ok FROM kinds
        ), parsed AS (
            SELECT line, source_file, ok,
                   CASE WHEN ok THEN from_json(line, '{structure}') END AS r
            FROM checked
        ), derived AS (
            SELECT *, round(r.subtotal + r.tax + r.shipping_cost - coalesce(r.discount, 0.0), 2) AS order_total
            FROM parsed
        )
        SELECT line, source_file, r, order_total,
            CASE
              WHEN NOT ok OR coalesce(isnan(order_total) OR isinf(order_total), false) THEN 'MALFORMED_RECORD'
              WHEN {blank('r.order_id')} THEN 'MISSING_ORDER_ID'
              WHEN coalesce({missing_required}, false) THEN 'MISSING_REQUIRED_FIELD'
              WHEN coalesce({invalid_ts}, false) THEN 'INVALID_TIMESTAMP'
              WHEN r.order_status NOT IN {_sql_list(enum_symbols('orders', 'order_status'))}
                OR r.payment_method NOT IN {_sql_list(enum_symbols('orders', 'payment_method'))} THEN 'UNKNOWN_ENUM_VALUE'
              WHEN len(r.items) = 0 OR coalesce(list_bool_or(list_transform(r.items, lambda i: i.quantity <= 0
                   OR i.unit_price < 0 OR coalesce(i.discount_pct, 0.0) NOT BETWEEN 0 AND 1)), false) THEN 'INVALID_ITEMS'
              WHEN order_total <= 0 THEN 'NON_POSITIVE_TOTAL'
              WHEN order_total >= 100000 THEN 'TOTAL_OUT_OF_RANGE'
            END AS reject_reason
        FROM derived
    """)
    con.execute(f"COPY (SELECT reject_reason, line AS _corrupt_record, source_file FROM validated "
                f"WHERE reject_reason IS NOT NULL) TO '{out / 'rejects.jsonl'}' (FORMAT json)")
    con.execute(f"""
        COPY (
          WITH valid AS (
            SELECT r.*, order_total, {_ts('r.order_date')} AS order_timestamp,
                   coalesce({_ts('r.updated_at')}, {_ts('r.order_date')}) AS updated_ts, hash(line) AS tie
            FROM validated WHERE reject_reason IS NULL
          ), ranked AS (
            SELECT *, row_number() OVER (PARTITION BY order_id ORDER BY updated_ts DESC, order_timestamp DESC, tie DESC) AS v
            FROM valid
          )
          SELECT order_id, customer_id, coalesce(nullif(trim(customer_id), ''), 'unknown') AS customer_id_clean,
                 order_status, list_transform(items, lambda i: struct_pack(product_id := i.product_id,
                     product_name := i.product_name, category := i.category, quantity := i.quantity,
                     unit_price := i.unit_price, discount_pct := coalesce(i.discount_pct, 0.0))) AS items,
                 subtotal, tax, shipping_cost, coalesce(discount, 0.0) AS discount, order_total,
                 CASE WHEN order_total < 50 THEN 'small' WHEN order_total < 200 THEN 'medium'
                      WHEN order_total < 1000 THEN 'large' ELSE 'very_large' END AS order_category,
                 order_total > 0 AND order_total < 100000 AS is_valid_amount,
                 CASE WHEN coalesce(nullif(trim(customer_id), ''), 'unknown') <> 'unknown' THEN 1.0 ELSE 0.8 END
                     AS data_quality_score,
                 shipping_address, payment_method, source, order_timestamp, updated_ts,
                 order_timestamp::DATE AS order_day
          FROM ranked WHERE v = 1
        ) TO '{out / 'orders'}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (order_day), OVERWRITE_OR_IGNORE)
    """)
    counts = dict(con.execute("SELECT coalesce(reject_reason, 'accepted'), count(*) FROM validated GROUP BY 1").fetchall())
    distinct_valid = con.execute("SELECT count(DISTINCT r.order_id) FROM validated WHERE reject_reason IS NULL").fetchone()[0]
    seconds = time.time() - started
    accepted_rows = counts.pop("accepted", 0)
    return {"seconds": round(seconds, 1), "input": accepted_rows + sum(counts.values()), "accepted": distinct_valid,
            "rejected": sum(counts.values()), "duplicates_dropped": accepted_rows - distinct_valid,
            "rejected_by_reason": dict(sorted(counts.items()))}


def prepare_reference(raw_base: str, out_dir: str, ds: str, threads: int = 2) -> None:
    """Untimed, like Spark's preparation: customers and clickstream_daily as Parquet for customer_360."""
    con = _connect(threads)
    con.execute("SET TimeZone = 'UTC'")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    con.execute(f"""
        COPY (SELECT customer_id, try_cast(registration_date AS TIMESTAMP) AS registration_ts
              FROM read_json('{raw_base}/customers/{ds}/*.jsonl', format = 'newline_delimited',
                             columns = {{customer_id: 'VARCHAR', registration_date: 'VARCHAR'}}, ignore_errors = true)
              WHERE customer_id IS NOT NULL)
        TO '{out / 'customers.parquet'}' (FORMAT parquet)""")
    con.execute(f"""
        COPY (
          WITH events AS (
            SELECT session_id, customer_id, event_type, try_cast(event_timestamp AS TIMESTAMP) AS ts
            FROM read_json('{raw_base}/clickstream/{ds}/*.jsonl', format = 'newline_delimited', ignore_errors = true,
                           columns = {{session_id: 'VARCHAR', customer_id: 'VARCHAR', event_type: 'VARCHAR',
                                      event_timestamp: 'VARCHAR'}})
          ), sessions AS (
            SELECT session_id, max(customer_id) AS customer_id, min(ts) AS start,
                   epoch(max(ts)) - epoch(min(ts)) AS duration,
                   count(*) FILTER (WHERE event_type = 'page_view') AS page_views,
                   count(*) FILTER (WHERE event_type = 'product_view') AS product_views,
                   count(*) FILTER (WHERE event_type = 'add_to_cart') AS add_to_cart
            FROM events WHERE ts IS NOT NULL GROUP BY session_id
          )
          SELECT customer_id, start::DATE AS activity_date, count(*) AS sessions, sum(page_views) AS page_views,
                 sum(product_views) AS product_views, sum(add_to_cart) AS add_to_cart,
                 sum(duration)::BIGINT AS time_on_site_sec
          FROM sessions WHERE customer_id IS NOT NULL GROUP BY ALL
        ) TO '{out / 'clickstream_daily.parquet'}' (FORMAT parquet)""")


def customer_360(work_dir: str, as_of: str, threads: int = 2) -> dict:
    """The customer_360 aggregation on the yardstick's own orders; returns rows, segments and seconds."""
    started = time.time()
    con = _connect(threads)
    work = Path(work_dir)
    as_of_date = dt.date.fromisoformat(as_of)
    month_end = (as_of_date.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1) == as_of_date
    # Spark's months_between(as_of, first) without rounding: whole months when both days are month ends or the same
    # day of month, else the day difference / 31 on top.
    tenure = f"""CASE WHEN day(f) = {as_of_date.day} OR ({str(month_end).lower()} AND f = last_day(f))
                      THEN ({as_of_date.year} - year(f)) * 12 + ({as_of_date.month} - month(f))
                      ELSE ({as_of_date.year} - year(f)) * 12 + ({as_of_date.month} - month(f))
                           + ({as_of_date.day} - day(f)) / 31.0 END"""
    quintile = "least(5, floor(percent_rank() OVER (ORDER BY {}) * 5)::INT + 1)"
    con.execute(f"""
        COPY (
          WITH registered AS (
            SELECT * FROM read_parquet('{work / 'customers.parquet'}')
            WHERE registration_ts IS NULL OR registration_ts::DATE <= DATE '{as_of}'
          ), metrics AS (
            SELECT customer_id_clean AS customer_id, count(*) AS total_orders, sum(order_total) AS revenue,
                   min(order_timestamp) AS first_order_date, max(order_timestamp) AS last_order_date,
                   list(order_id ORDER BY order_id) AS order_ids, min(order_timestamp)::DATE AS f
            FROM read_parquet('{work / 'orders'}/*/*.parquet', hive_partitioning = true)
            WHERE order_day <= DATE '{as_of}' GROUP BY 1
          ), buyers AS (
            SELECT m.*, date_diff('day', last_order_date::DATE, DATE '{as_of}') AS recency_days,
                   {tenure} AS tenure FROM metrics m SEMI JOIN registered USING (customer_id)
          ), scored AS (
            SELECT *, total_orders / (tenure + 1) AS frequency,
                   revenue / total_orders * (total_orders / (tenure + 1)) * 24 AS ltv,
                   {quintile.format('recency_days DESC')} AS r_score, {quintile.format('total_orders')} AS f_score,
                   {quintile.format('revenue')} AS m_score
            FROM buyers
          ), clicks AS (
            SELECT customer_id, sum(sessions) AS sessions, sum(page_views) AS page_views,
                   sum(product_views) AS product_views, sum(add_to_cart) AS add_to_cart,
                   sum(time_on_site_sec) AS time_on_site
            FROM read_parquet('{work / 'clickstream_daily.parquet'}') WHERE activity_date <= DATE '{as_of}' GROUP BY 1
          )
          SELECT c.customer_id, coalesce(s.total_orders, 0) AS total_orders, round(coalesce(s.revenue, 0), 2) AS total_revenue,
                 round(s.revenue / s.total_orders, 2) AS avg_order_value, s.first_order_date, s.last_order_date,
                 s.order_ids, s.recency_days, round(s.tenure, 4) AS customer_tenure_months,
                 round(s.frequency, 4) AS purchase_frequency, round(coalesce(s.ltv, 0), 2) AS predicted_ltv,
                 CASE WHEN s.ltv >= 5000 THEN 'VIP' WHEN s.ltv >= 1000 THEN 'High Value'
                      WHEN s.ltv >= 200 THEN 'Medium Value' ELSE 'Low Value' END AS customer_segment,
                 CASE WHEN s.recency_days <= 30 THEN 'Active' WHEN s.recency_days <= 90 THEN 'At Risk'
                      WHEN s.recency_days <= 180 THEN 'Dormant' ELSE 'Churned' END AS activity_status,
                 s.r_score, s.f_score, s.m_score, coalesce(k.sessions, 0) AS total_sessions,
                 coalesce(k.page_views, 0) AS total_page_views,
                 CASE WHEN k.product_views > 0 THEN round(k.add_to_cart / k.product_views, 4) ELSE 0.0 END
                     AS browse_to_cart_rate,
                 DATE '{as_of}' AS as_of_date
          FROM registered c LEFT JOIN scored s USING (customer_id) LEFT JOIN clicks k USING (customer_id)
        ) TO '{work / 'customer_360.parquet'}' (FORMAT parquet, COMPRESSION zstd)""")
    seconds = time.time() - started
    segments = dict(con.execute(f"SELECT customer_segment, count(*) FROM read_parquet('{work / 'customer_360.parquet'}') "
                                "GROUP BY 1").fetchall())
    return {"seconds": round(seconds, 1), "customers": sum(segments.values()), "segments": dict(sorted(segments.items()))}
