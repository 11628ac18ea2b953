"""The DuckDB yardstick of the benchmark does the same validation and deduplication: on a generated day with every
injected defect kind its accounting equals the generator's manifest (no Spark involved)."""
from gridata_spark import bench_duckdb
from gridata_spark.generator.generate import GeneratorConfig, generate


def test_duckdb_yardstick_reconciles_with_the_manifest(tmp_path):
    manifest = generate(GeneratorConfig(ds="2024-06-30", customers=200, products=50, orders=3000, events=3000,
                                        bad_record_rate=0.05), str(tmp_path))
    raw = tmp_path / "raw" / "ecommerce"
    bench_duckdb.prepare_reference(str(raw), str(tmp_path / "duck"), "2024-06-30")
    got = bench_duckdb.process_orders(str(raw / "orders" / "2024-06-30"), str(tmp_path / "duck"))
    expected = manifest["expected"]["orders"]
    assert {k: got[k] for k in ("input", "accepted", "rejected", "duplicates_dropped", "rejected_by_reason")} == {
        k: expected[k] for k in ("input", "accepted", "rejected", "duplicates_dropped", "rejected_by_reason")}
    c360 = bench_duckdb.customer_360(str(tmp_path / "duck"), "2024-06-30")
    assert c360["customers"] == 200 and sum(c360["segments"].values()) == 200
