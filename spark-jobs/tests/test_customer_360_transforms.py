import datetime as dt
import random
from fractions import Fraction

import pytest
from pyspark.sql import functions as F

from gridata_spark.transforms import customer_360 as C

AS_OF = dt.date(2024, 6, 30)


def column_values(spark, expression, inputs, ddl):
    df = spark.createDataFrame([(v,) for v in inputs], ddl)
    return [r[0] for r in df.select(expression).collect()]


def test_segment_boundaries(spark):
    got = column_values(spark, C.customer_segment(F.col("ltv")),
                        [5000.0, 4999.99, 1000.0, 999.99, 200.0, 199.99, 0.0, None], "ltv double")
    assert got == ["VIP", "High Value", "High Value", "Medium Value", "Medium Value", "Low Value", "Low Value",
                   "Low Value"]


def test_activity_boundaries_and_churn_risk(spark):
    recency = [0, 30, 31, 90, 91, 180, 181, None]
    status = column_values(spark, C.activity_status(F.col("r")), recency, "r int")
    assert status == ["Active", "Active", "At Risk", "At Risk", "Dormant", "Dormant", "Churned", "Churned"]
    risk = column_values(spark, C.churn_risk_score(C.activity_status(F.col("r"))), recency, "r int")
    assert risk == [0.1, 0.1, 0.4, 0.4, 0.7, 0.7, 1.0, 1.0]


def test_browse_to_cart_is_zero_without_product_views(spark):
    df = spark.createDataFrame([(3, 0), (0, 0), (1, 4), (None, None)], "cart bigint, views bigint")
    got = [r[0] for r in df.select(C.browse_to_cart_rate(F.col("cart"), F.col("views"))).collect()]
    assert got == [0.0, 0.0, 0.25, 0.0]


def test_quintile_scores_on_ten_buyers_and_ties_share_a_score(spark):
    rows = [(f"C{i}", i * 10, i, float(i * 100)) for i in range(1, 11)] + [("T", 100, 10, 1000.0)]
    df = spark.createDataFrame(rows, "customer_id string, recency_days int, total_orders bigint, exact_revenue double")
    scored = {r["customer_id"]: (r["r_score"], r["f_score"], r["m_score"], r["rfm_score"])
              for r in C.with_rfm_scores(df).collect()}
    # 11 buyers: percent_rank = (rank-1)/10, score = min(5, floor(pr*5)+1)
    assert scored["C1"] == (5, 1, 1, "511")  # most recent, fewest orders, least revenue
    assert scored["C10"] == (1, 5, 5, "155")
    assert scored["T"] == scored["C10"]  # identical values, identical scores
    # C5: recency 50 ranks 7th of 11 by recency desc -> pr 0.6 -> R 4; 5 orders rank 5th -> pr 0.4 -> F 3
    assert scored["C5"] == (4, 3, 3, "433")
    assert sorted(s[0] for s in scored.values()) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5]


@pytest.mark.parametrize(
    "r, f, m, segment",
    [(5, 5, 5, "Champions"), (4, 4, 3, "Loyal"), (5, 1, 1, "New"), (2, 3, 1, "At Risk"), (1, 1, 1, "Lost"),
     (3, 3, 3, "Needs Attention"), (None, None, None, "No Purchases")],
)
def test_rfm_segment(spark, r, f, m, segment):
    df = spark.createDataFrame([(r, f, m)], "r int, f int, m int")
    assert df.select(C.rfm_segment(F.col("r"), F.col("f"), F.col("m"))).first()[0] == segment


def customers_df(spark):
    rows = [
        ("C1", "c1@example.com", "Ada", "Adams", None, None, None, dt.datetime(2023, 1, 1), "gold", True, "en", "USD"),
        ("C2", "c2@example.com", "Ben", "Baker", None, None, None, dt.datetime(2023, 1, 1), "bronze", False, "en", "USD"),
        ("C3", "c3@example.com", "Cy", "Chen", None, None, None, dt.datetime(2024, 7, 5), "bronze", False, "en", "USD"),
    ]
    ddl = ("customer_id string, email string, first_name string, last_name string, phone string, date_of_birth date, "
           "gender string, registration_ts timestamp, customer_tier string, marketing_opt_in boolean, "
           "preferred_language string, preferred_currency string")
    return spark.createDataFrame(rows, ddl)


def orders_df(spark):
    def order(order_id, customer, total, ts):
        return (order_id, customer, total, ts, ts.date())

    rows = [
        order("O1", "C1", 3000.0, dt.datetime(2024, 5, 31, 12)),  # 30 days before as-of
        order("O2", "C1", 1000.0, dt.datetime(2024, 3, 31, 8)),
        order("O3", "unknown", 50.0, dt.datetime(2024, 6, 1)),  # guest order: never joined to a customer
        order("O4", "C1", 999.0, dt.datetime(2024, 7, 1)),  # after the as-of date: ignored
    ]
    return spark.createDataFrame(rows, "order_id string, customer_id_clean string, order_total double, "
                                       "order_timestamp timestamp, order_day date")


def daily_df(spark):
    rows = [("C1", dt.date(2024, 6, 1), 2, 5, 4, 1, 300), ("C1", dt.date(2024, 6, 2), 1, 1, 0, 0, 60),
            ("C2", dt.date(2024, 6, 3), 1, 3, 0, 0, 100), ("C1", dt.date(2024, 7, 2), 9, 9, 9, 9, 900)]
    return spark.createDataFrame(rows, "customer_id string, activity_date date, sessions bigint, page_views bigint, "
                                       "product_views bigint, add_to_cart bigint, time_on_site_sec bigint")


def test_customer_360_exact_values(spark):
    result = {r["customer_id"]: r for r in
              C.build_customer_360(customers_df(spark), orders_df(spark), daily_df(spark), AS_OF, "run-1").collect()}
    assert sorted(result) == ["C1", "C2"]  # C3 registered after the as-of date
    c1 = result["C1"]
    assert (c1["total_orders"], c1["total_revenue"], c1["avg_order_value"]) == (2, 4000.0, 2000.0)
    assert c1["order_ids"] == ["O1", "O2"]
    assert c1["recency_days"] == 30 and c1["activity_status"] == "Active" and c1["churn_risk_score"] == 0.1
    assert c1["customer_tenure_months"] == 3.0  # months_between(2024-06-30, 2024-03-31): both month ends
    assert c1["purchase_frequency"] == 0.5  # 2 orders / (3 + 1)
    assert c1["predicted_ltv"] == 24000.0  # AOV 2000 x 0.5 x 24
    assert c1["customer_segment"] == "VIP" and c1["is_premium_customer"] is True
    assert (c1["r_score"], c1["f_score"], c1["m_score"]) == (1, 1, 1)  # the only buyer
    assert (c1["total_sessions"], c1["total_page_views"], c1["total_product_views"], c1["total_add_to_cart"]) == (3, 6, 4, 1)
    assert c1["total_time_on_site_sec"] == 360 and c1["avg_session_duration_sec"] == 120.0
    assert c1["browse_to_cart_rate"] == 0.25
    assert c1["as_of_date"] == AS_OF and c1["run_id"] == "run-1"

    c2 = result["C2"]  # no orders, browsing without product views
    assert (c2["total_orders"], c2["total_revenue"], c2["predicted_ltv"]) == (0, 0.0, 0.0)
    assert c2["avg_order_value"] is None and c2["recency_days"] is None
    assert (c2["customer_segment"], c2["activity_status"], c2["churn_risk_score"]) == ("Low Value", "Churned", 1.0)
    assert c2["rfm_segment"] == "No Purchases" and c2["r_score"] is None
    assert c2["browse_to_cart_rate"] == 0.0 and c2["total_page_views"] == 3


def test_same_inputs_and_as_of_give_identical_rows(spark):
    build = lambda: sorted(  # noqa: E731
        tuple(r) for r in C.build_customer_360(customers_df(spark), orders_df(spark), daily_df(spark), AS_OF, "r").collect()
    )
    assert build() == build()


def customers_for(spark, ids):
    return spark.createDataFrame(
        [(i, None, None, None, None, None, None, dt.datetime(2023, 1, 1), "bronze", False, "en", "USD") for i in ids],
        customers_df(spark).schema)


def test_ltv_and_segment_use_exact_values_only_storage_is_rounded(spark):
    # One order of 739.28; tenure months_between(2024-06-30, 2024-04-13) = 2 + 17/31 = 79/31 months.
    orders = spark.createDataFrame([("O1", "C1", 739.28, dt.datetime(2024, 4, 13, 9), dt.date(2024, 4, 13))],
                                   orders_df(spark).schema)
    row = C.build_customer_360(customers_for(spark, ["C1"]), orders, daily_df(spark), AS_OF, "r").first()
    # exact: 739.28 x 1/(79/31 + 1) x 24 = 5000.2167...; with the frequency rounded first it was 4999.90
    assert (row["predicted_ltv"], row["customer_segment"]) == (5000.22, "VIP")
    assert (row["customer_tenure_months"], row["purchase_frequency"]) == (2.5484, 0.2818)  # stored, rounded


def test_property_segment_boundaries_are_decided_on_exact_values(spark):
    """Random customers whose exact LTV lies within 0.05 % of a segment boundary (either side): the segment
    equals the one of the exact rational LTV, computed independently with fractions."""
    rng = random.Random(13)
    boundaries = [(5000, "VIP"), (1000, "High Value"), (200, "Medium Value")]

    def exact_segment(ltv):
        return next((name for bound, name in boundaries if ltv >= bound), "Low Value")

    rows, expected, differs_if_rounded = [], {}, 0
    while len(expected) < 300:
        cid = f"C{len(expected):04d}"
        month, day = rng.randint(1, 5), rng.randint(1, 27)  # never a month end: tenure = (6 - m) + (30 - d)/31
        tenure = Fraction(6 - month) + Fraction(30 - day, 31)
        bound, _ = rng.choice(boundaries)
        orders = rng.randint(1, 3)
        target = Fraction(bound) * (tenure + 1) / 24 * (1 + Fraction(rng.uniform(-5e-4, 5e-4)))
        totals = [round(float(target) / orders, 2)] * orders
        revenue = sum(Fraction(str(t)) for t in totals)
        ltv = revenue / (tenure + 1) * 24  # = AOV x frequency x 24
        if abs(ltv - bound) < Fraction(1, 10**6):
            continue
        expected[cid] = exact_segment(ltv)
        rounded_frequency = Fraction(str(round(float(orders / (tenure + 1)), 4)))
        differs_if_rounded += exact_segment(revenue / orders * rounded_frequency * 24) != expected[cid]
        for k, total in enumerate(totals):
            ts = dt.datetime(2024, month, day, 10) + dt.timedelta(days=k)
            rows.append((f"{cid}-{k}", cid, total, ts, ts.date()))
    result = C.build_customer_360(customers_for(spark, list(expected)), spark.createDataFrame(rows, orders_df(spark).schema),
                                  daily_df(spark), AS_OF, "r")
    got = {r["customer_id"]: r["customer_segment"] for r in result.collect()}
    assert got == expected
    assert differs_if_rounded > 10  # the data would catch a return of intermediate rounding
