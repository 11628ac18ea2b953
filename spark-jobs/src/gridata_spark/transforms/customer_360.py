"""Customer 360 from customers, curated orders and clickstream_daily, with the original's formulas and
its defects fixed: metrics on customer_id_clean, R/F/M scores by quintile, and "now" = the as-of date."""
from __future__ import annotations

import datetime as dt

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

LIFESPAN_MONTHS = 24

CUSTOMER_COLUMNS = [
    "customer_id", "email", "first_name", "last_name", "phone", "date_of_birth", "gender", "registration_ts",
    "customer_tier", "marketing_opt_in", "preferred_language", "preferred_currency",
]


def customer_segment(predicted_ltv: Column) -> Column:
    return (
        F.when(predicted_ltv >= 5000, "VIP")
        .when(predicted_ltv >= 1000, "High Value")
        .when(predicted_ltv >= 200, "Medium Value")
        .otherwise("Low Value")
    )


def activity_status(recency_days: Column) -> Column:
    return (
        F.when(recency_days <= 30, "Active")
        .when(recency_days <= 90, "At Risk")
        .when(recency_days <= 180, "Dormant")
        .otherwise("Churned")
    )


def churn_risk_score(status: Column) -> Column:
    return (
        F.when(status == "Churned", 1.0)
        .when(status == "Dormant", 0.7)
        .when(status == "At Risk", 0.4)
        .otherwise(0.1)
    )


def browse_to_cart_rate(add_to_cart: Column, product_views: Column) -> Column:
    return F.when(product_views > 0, F.round(add_to_cart / product_views, 4)).otherwise(F.lit(0.0))


def order_metrics(orders: DataFrame, as_of: dt.date) -> DataFrame:
    """Per cleaned customer id, over orders placed on or before the as-of date.

    Only stored values are rounded (revenue, average, tenure, frequency and LTV to their stored precision);
    every formula, the segment and the scores read the exact values, so rounding never moves a boundary."""
    as_of_date = F.lit(as_of.isoformat()).cast("date")
    metrics = (
        orders.filter(F.col("order_day") <= as_of_date)
        .groupBy(F.col("customer_id_clean").alias("customer_id"))
        .agg(
            F.count("order_id").alias("total_orders"),
            F.sum("order_total").alias("exact_revenue"),
            F.min("order_timestamp").alias("first_order_date"),
            F.max("order_timestamp").alias("last_order_date"),
            F.array_sort(F.collect_list("order_id")).alias("order_ids"),
        )
    )
    tenure = F.months_between(as_of_date, F.to_date("first_order_date"), roundOff=False)
    frequency = F.col("total_orders") / (F.col("exact_tenure") + 1)
    ltv = (F.col("exact_revenue") / F.col("total_orders")) * F.col("exact_frequency") * LIFESPAN_MONTHS
    return (
        metrics.withColumn("recency_days", F.datediff(as_of_date, F.to_date("last_order_date")))
        .withColumn("exact_tenure", tenure)
        .withColumn("exact_frequency", frequency)
        .withColumn("exact_ltv", ltv)
        .withColumn("total_revenue", F.round("exact_revenue", 2))
        .withColumn("avg_order_value", F.round(F.col("exact_revenue") / F.col("total_orders"), 2))
        .withColumn("customer_tenure_months", F.round("exact_tenure", 4))
        .withColumn("purchase_frequency", F.round("exact_frequency", 4))
        .withColumn("predicted_ltv", F.round("exact_ltv", 2))
    )


def quintile_score(order_by: Column) -> Column:
    """1..5 by percent rank over buyers; equal values share a score, so the result does not depend on row order."""
    rank = F.percent_rank().over(Window.orderBy(order_by))
    return F.least(F.lit(5), F.floor(rank * 5).cast("int") + 1)


def with_rfm_scores(buyers: DataFrame) -> DataFrame:
    """R: more recent is better; F: more orders; M: more revenue. Scores 1 (worst) .. 5 (best)."""
    return (
        buyers.withColumn("r_score", quintile_score(F.col("recency_days").desc()))
        .withColumn("f_score", quintile_score(F.col("total_orders").asc()))
        .withColumn("m_score", quintile_score(F.col("exact_revenue").asc()))
        .withColumn("rfm_score", F.concat_ws("", "r_score", "f_score", "m_score"))
    )


def rfm_segment(r: Column, f: Column, m: Column) -> Column:
    return (
        F.when(r.isNull(), "No Purchases")
        .when((r >= 4) & (f >= 4) & (m >= 4), "Champions")
        .when((r >= 3) & (f >= 4), "Loyal")
        .when((r >= 4) & (f <= 2), "New")
        .when((r <= 2) & (f >= 3), "At Risk")
        .when(r == 1, "Lost")
        .otherwise("Needs Attention")
    )


def clickstream_metrics(daily: DataFrame, as_of: dt.date) -> DataFrame:
    return (
        daily.filter(F.col("activity_date") <= F.lit(as_of.isoformat()).cast("date"))
        .groupBy("customer_id")
        .agg(
            F.sum("sessions").alias("total_sessions"),
            F.sum("page_views").alias("total_page_views"),
            F.sum("product_views").alias("total_product_views"),
            F.sum("add_to_cart").alias("total_add_to_cart"),
            F.sum("time_on_site_sec").alias("total_time_on_site_sec"),
        )
    )


def build_customer_360(customers: DataFrame, orders: DataFrame, daily: DataFrame, as_of: dt.date, run_id: str) -> DataFrame:
    registered = customers.filter(
        F.col("registration_ts").isNull() | (F.to_date("registration_ts") <= F.lit(as_of.isoformat()).cast("date"))
    )
    # Scores rank known customers only: guest ("unknown") and orphan ids would skew the quintiles.
    buyers = with_rfm_scores(order_metrics(orders, as_of).join(registered.select("customer_id"), "customer_id", "left_semi"))
    clicks = clickstream_metrics(daily, as_of)
    joined = registered.select(*CUSTOMER_COLUMNS).join(buyers, "customer_id", "left").join(clicks, "customer_id", "left")
    zero_filled = joined.fillna(
        0,
        subset=["total_orders", "total_sessions", "total_page_views", "total_product_views", "total_add_to_cart",
                "total_time_on_site_sec"],
    ).fillna(0.0, subset=["total_revenue", "predicted_ltv", "exact_ltv"])
    status = activity_status(F.col("recency_days"))
    segment = customer_segment(F.col("exact_ltv"))
    return zero_filled.select(
        *CUSTOMER_COLUMNS,
        "total_orders", "total_revenue", "avg_order_value", "first_order_date", "last_order_date", "order_ids",
        "recency_days", "customer_tenure_months", "purchase_frequency", "predicted_ltv",
        segment.alias("customer_segment"),
        status.alias("activity_status"),
        churn_risk_score(status).alias("churn_risk_score"),
        segment.isin("VIP", "High Value").alias("is_premium_customer"),
        "r_score", "f_score", "m_score", "rfm_score",
        rfm_segment(F.col("r_score"), F.col("f_score"), F.col("m_score")).alias("rfm_segment"),
        "total_sessions", "total_page_views", "total_product_views", "total_add_to_cart", "total_time_on_site_sec",
        F.when(F.col("total_sessions") > 0, F.round(F.col("total_time_on_site_sec") / F.col("total_sessions"), 2))
        .otherwise(F.lit(0.0))
        .alias("avg_session_duration_sec"),
        browse_to_cart_rate(F.col("total_add_to_cart"), F.col("total_product_views")).alias("browse_to_cart_rate"),
        F.lit(as_of.isoformat()).cast("date").alias("as_of_date"),
        F.lit(run_id).alias("run_id"),
    )
