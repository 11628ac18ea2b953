import http.server
import threading

from gridata_spark.quality.checks import ERROR, WARNING, Check, CheckResult
from gridata_spark.quality.metrics import deliver, render_prometheus


def result(table, name, severity, passed):
    return CheckResult(Check(name, table, "row_count_min", severity), passed, 1.0, "t", "d")


RESULTS = [
    result("gridata.ecommerce.orders", "order_id_unique", ERROR, True),
    result("gridata.ecommerce.orders", "customer_id_null_rate", WARNING, False),
    result("gridata.ecommerce.customers", 'odd"name', ERROR, True),
]

EXPECTED = """# HELP gridata_quality_check_failed 1 if the data-quality check failed on its last run, 0 if it passed.
# TYPE gridata_quality_check_failed gauge
gridata_quality_check_failed{table="gridata.ecommerce.customers",check="odd\\"name",severity="error"} 0
gridata_quality_check_failed{table="gridata.ecommerce.orders",check="customer_id_null_rate",severity="warning"} 1
gridata_quality_check_failed{table="gridata.ecommerce.orders",check="order_id_unique",severity="error"} 0
# HELP gridata_quality_check_last_run_timestamp_seconds Unix time of the last quality-check run per table.
# TYPE gridata_quality_check_last_run_timestamp_seconds gauge
gridata_quality_check_last_run_timestamp_seconds{table="gridata.ecommerce.customers"} 1719792000.000
gridata_quality_check_last_run_timestamp_seconds{table="gridata.ecommerce.orders"} 1719792000.000
"""


def test_render_is_exact_sorted_and_escaped():
    assert render_prometheus(RESULTS, 1719792000.0) == EXPECTED
    assert render_prometheus(list(reversed(RESULTS)), 1719792000.0) == EXPECTED


class _Recorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PUT(self):  # noqa: N802 - http.server naming
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        _Recorder.received.append((self.path, self.headers["Content-Type"], body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_metrics_go_to_the_file_and_to_a_real_pushgateway_endpoint(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        problems = deliver(EXPECTED, "ingestion", str(tmp_path / "m.prom"), f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
    assert problems == []
    assert (tmp_path / "m.prom").read_text() == EXPECTED
    assert _Recorder.received == [("/metrics/job/gridata_quality/suite/ingestion", "text/plain; version=0.0.4", EXPECTED)]


def test_unreachable_pushgateway_is_reported_not_fatal(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    port = server.server_port
    server.server_close()  # nothing listens on this port any more
    problems = deliver(EXPECTED, "ingestion", None, f"http://127.0.0.1:{port}")
    assert len(problems) == 1 and f"127.0.0.1:{port}" in problems[0]
