"""GRIDATA_SPARK_CONF_FILE: Java-properties parsing, the CLI's refusal of unusable files (exit 2, no value ever
printed), and, on real Spark + Iceberg, that a catalog property from the file reaches the catalog."""
import secrets
from pathlib import Path

import pytest

from conftest import run_cli
from gridata_spark import cli, tables
from gridata_spark.generator.generate import GeneratorConfig, generate
from gridata_spark.spark_conf_file import CONF_FILE_ENV, SparkConfFileError, conf_from_environment, parse_properties

CREDENTIAL_KEY = "spark.sql.catalog.gridata.credential"


def test_the_vault_rendered_line_keeps_everything_after_the_first_equals():
    assert parse_properties(f"{CREDENTIAL_KEY}=client-1:s3cr=t:x") == {CREDENTIAL_KEY: "client-1:s3cr=t:x"}


def test_comments_blank_lines_separators_and_whitespace():
    text = (
        "# rendered by the Vault agent\n"
        "   ! another comment\n"
        "\n"
        "spark.a=1\n"
        "  spark.b : two words  \n"
        "spark.c\tthree\n"
        "spark.d =\n"
        "spark.e=first\r\n"
        "spark.e=last\n"
    )
    assert parse_properties(text) == {
        "spark.a": "1", "spark.b": "two words  ", "spark.c": "three", "spark.d": "", "spark.e": "last"}


def test_continuations_and_escapes_follow_java_properties():
    text = "spark.long=one,\\\n    two,\\\n    three\nspark.path=C:\\\\dir\\tx\\u0041\nspark.sep=a\\=b\\:c\n"
    assert parse_properties(text) == {
        "spark.long": "one,two,three", "spark.path": "C:\\dir\tx" + "A", "spark.sep": "a=b:c"}


def test_an_escaped_backslash_at_the_end_does_not_continue_the_line():
    assert parse_properties("spark.a=x\\\\\nspark.b=y") == {"spark.a": "x\\", "spark.b": "y"}


@pytest.mark.parametrize("text, message", [
    ("[default]\naws_secret_access_key = abc\n", "line 1: expected `spark.<name>=<value>`"),
    ("spark.ok=1\n\nclient-id:client-secret\n", "line 3: expected `spark.<name>=<value>`"),
    ("spark.a=\\u00zz\n", "line 1: malformed \\uXXXX escape"),
])
def test_malformed_files_are_refused_by_line_without_showing_content(text, message):
    with pytest.raises(SparkConfFileError) as refused:
        parse_properties(text)
    assert message in str(refused.value)
    for secret_part in ("abc", "client-secret", "client-id", "aws_secret"):
        assert secret_part not in str(refused.value)


def test_unset_or_empty_variable_means_no_settings():
    assert conf_from_environment({}) == {}
    assert conf_from_environment({CONF_FILE_ENV: ""}) == {}


def _conf_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "catalog-conf"
    path.write_text(text)
    return path


ARGV = ["ingest_products", "--ds", "2024-06-30", "--run-id", "r1"]


@pytest.mark.parametrize("make_path, message", [
    (lambda tmp: tmp / "absent", "which does not exist"),
    (lambda tmp: tmp, "which is a directory"),
    (lambda tmp: _conf_file(tmp, "# nothing rendered\n"), "holds no settings"),
    (lambda tmp: _conf_file(tmp, "oops\n"), "line 1: expected"),
])
def test_the_cli_refuses_an_unusable_file_with_exit_2_before_spark_starts(
        monkeypatch, capsys, tmp_path, make_path, message):
    path = make_path(tmp_path)
    monkeypatch.setenv(CONF_FILE_ENV, str(path))
    assert cli.main(ARGV, spark=object()) == cli.EXIT_USAGE  # a plain object: Spark is never touched
    err = capsys.readouterr().err
    assert message in err and str(path) in err


def test_an_unreadable_file_is_refused_without_its_bytes(monkeypatch, capsys, tmp_path):
    path = tmp_path / "catalog-conf"
    path.write_bytes(b"spark.sql.catalog.gridata.credential=\xff\xfe-not-utf8\n")
    monkeypatch.setenv(CONF_FILE_ENV, str(path))
    assert cli.main(ARGV, spark=object()) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert f"cannot read {path} named by {CONF_FILE_ENV}: UnicodeDecodeError" in err and "not-utf8" not in err


def test_a_setting_spark_refuses_at_run_time_is_named_without_its_value(spark, monkeypatch, tmp_path):
    value = secrets.token_hex(8)
    monkeypatch.setenv(CONF_FILE_ENV, str(_conf_file(tmp_path, f"spark.sql.extensions={value}\n")))
    code, _, err = run_cli(spark.newSession(), *ARGV)
    assert code == cli.EXIT_USAGE
    assert "Spark refused the setting spark.sql.extensions" in err and value not in err


@pytest.fixture(scope="module")
def tiny_landing(tmp_path_factory):
    root = tmp_path_factory.mktemp("conf-landing")
    generate(GeneratorConfig(ds="2024-06-30", customers=5, products=7, orders=5, events=5), str(root))
    return root / "raw" / "ecommerce"


def test_a_catalog_property_from_the_file_reaches_iceberg_before_first_use(spark, monkeypatch, tmp_path, tiny_landing):
    """A new session has its own, not yet loaded, catalogs - like a fresh driver whose sparkConf configures the
    `gridata` catalog. The file moves its warehouse; the job's table must appear there. The credential entry is
    applied too (the Hadoop catalog ignores it) and never printed."""
    moved_warehouse = tmp_path / "warehouse-from-conf-file"
    credential = f"probe-client:{secrets.token_hex(12)}"
    monkeypatch.setenv(CONF_FILE_ENV, str(_conf_file(
        tmp_path, f"# Vault agent\n{CREDENTIAL_KEY}={credential}\nspark.sql.catalog.gridata.warehouse={moved_warehouse}\n")))
    session = spark.newSession()

    code, summary, err = run_cli(session, *ARGV, "--raw-base", str(tiny_landing), "--rejected-base", str(tmp_path / "rej"))

    assert code == cli.EXIT_OK, err
    assert summary["accepted"] == 7
    assert session.conf.get(CREDENTIAL_KEY) == credential
    assert (moved_warehouse / "ecommerce" / "products" / "metadata").is_dir()
    assert session.table(tables.PRODUCTS).count() == 7
    assert credential.split(":")[1] not in err + str(summary)


def test_the_same_setting_after_first_use_is_ignored_which_is_why_it_comes_first(spark, tmp_path):
    session = spark.newSession()
    session.sql("SHOW NAMESPACES IN gridata").collect()  # loads the catalog with the session's warehouse
    late_warehouse = tmp_path / "too-late"
    session.conf.set("spark.sql.catalog.gridata.warehouse", str(late_warehouse))
    session.sql("CREATE NAMESPACE IF NOT EXISTS gridata.conf_probe_late")
    assert not late_warehouse.exists()
    session.sql("DROP NAMESPACE IF EXISTS gridata.conf_probe_late")
