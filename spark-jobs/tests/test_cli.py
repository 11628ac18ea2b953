import pytest

from conftest import run_cli
from gridata_spark import cli


@pytest.mark.parametrize(
    "argv, message",
    [
        (["process_orders", "--run-id", "r1"], "the following arguments are required: --ds"),
        (["process_orders", "--ds", "2024-06-30"], "the following arguments are required: --run-id"),
        (["process_orders", "--ds", "30/06/2024", "--run-id", "r1"], "expected a date as YYYY-MM-DD"),
        (["process_orders", "--ds", "2024-02-30", "--run-id", "r1"], "not a calendar date"),
        (["process_orders", "--ds", "2024-06-30", "--run-id", "bad id!"], "run id must be"),
        (["drop_everything", "--ds", "2024-06-30", "--run-id", "r1"], "invalid choice: 'drop_everything'"),
        (["quality_checks", "--ds", "2024-06-30", "--run-id", "r1", "--suite", "nope"], "invalid choice: 'nope'"),
    ],
)
def test_invalid_arguments_exit_2_with_a_clear_message(capsys, argv, message):
    assert cli.main(argv, spark=object()) == cli.EXIT_USAGE  # refused before Spark is touched
    assert message in capsys.readouterr().err


def test_the_contract_job_ids():
    assert cli.JOB_IDS == ("ingest_customers", "ingest_products", "ingest_clickstream", "aggregate_clickstream_daily",
                           "process_orders", "quality_checks", "customer_360")
    assert set(cli._jobs()) == set(cli.JOB_IDS)


def test_defaults_point_at_the_cluster_buckets():
    args = cli.parse_args(["customer_360", "--ds", "2024-06-30", "--run-id", "scheduled__2024-06-30T00:00:00+00:00"])
    assert (args.raw_base, args.rejected_base, args.as_of) == (
        "s3a://gridata-raw/raw/ecommerce", "s3a://gridata-raw/rejected", None)


def test_missing_landing_data_exits_3_and_names_the_path(spark, tmp_path):
    code, _, err = run_cli(spark, "process_orders", "--ds", "2024-06-30", "--run-id", "r1",
                           "--raw-base", str(tmp_path / "raw"), "--rejected-base", str(tmp_path / "rejected"))
    assert code == cli.EXIT_MISSING_INPUT
    assert f"{tmp_path}/raw/orders/2024-06-30 does not exist" in err
    assert not (tmp_path / "rejected").exists()  # nothing half-written
