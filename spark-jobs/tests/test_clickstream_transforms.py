import datetime as dt

from gridata_spark.transforms.clickstream import daily_customer_activity, sessions

T0 = dt.datetime(2024, 6, 29, 23, 58, 0)


def events(spark):
    def e(event_id, session, customer, kind, seconds):
        return (event_id, session, customer, kind, T0 + dt.timedelta(seconds=seconds))

    rows = [
        e("E1", "S1", "C1", "page_view", 0), e("E2", "S1", "C1", "product_view", 60),
        e("E3", "S1", "C1", "add_to_cart", 200),  # crosses midnight; the session stays dated 2024-06-29
        e("E4", "S2", "C1", "product_view", 86400), e("E5", "S2", None, "purchase", 86430),
        e("E6", "S3", None, "page_view", 10), e("E7", "S3", None, "page_view", 20),  # anonymous
        e("E8", "S4", "C2", "checkout", 5),
    ]
    return spark.createDataFrame(rows, "event_id string, session_id string, customer_id string, event_type string, "
                                       "event_ts timestamp")


def test_sessions_take_the_known_customer_and_span(spark):
    got = {r["session_id"]: r for r in sessions(events(spark)).collect()}
    assert got["S1"]["duration_sec"] == 200 and got["S1"]["customer_id"] == "C1"
    assert got["S2"]["customer_id"] == "C1" and got["S2"]["purchases"] == 1
    assert got["S3"]["customer_id"] is None and got["S3"]["page_views"] == 2
    assert got["S4"]["duration_sec"] == 0


def test_daily_activity_per_known_customer_and_session_start_day(spark):
    rows = sorted(tuple(r) for r in daily_customer_activity(sessions(events(spark))).select(
        "customer_id", "activity_date", "sessions", "page_views", "product_views", "add_to_cart", "checkouts",
        "purchases", "time_on_site_sec", "avg_session_duration_sec").collect())
    assert rows == [
        ("C1", dt.date(2024, 6, 29), 1, 1, 1, 1, 0, 0, 200, 200.0),
        ("C1", dt.date(2024, 6, 30), 1, 0, 1, 0, 0, 1, 30, 30.0),
        ("C2", dt.date(2024, 6, 29), 1, 0, 0, 0, 1, 0, 0, 0.0),
    ]
