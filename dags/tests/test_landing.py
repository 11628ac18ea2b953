"""Landing-folder validation: exact summaries for good folders, every problem named for bad ones."""

from __future__ import annotations

import pytest

from gridata_dags.landing import MAX_FILE_BYTES, LandedObject, LandingValidationError, landing_prefix, validate_landed_objects

PREFIX = landing_prefix("orders", "2024-01-15")


def test_prefix_layout():
    assert PREFIX == "raw/ecommerce/orders/2024-01-15/"


def test_good_folder_summary_ignores_writer_markers():
    objects = [
        LandedObject(PREFIX + "part-0001.parquet", 2048),
        LandedObject(PREFIX + "_SUCCESS", 0),
        LandedObject(PREFIX + ".part-0001.parquet.crc", 24),
        LandedObject(PREFIX + "orders.jsonl.gz", 1000),
        LandedObject(PREFIX + "part-0000.parquet", 1024),
    ]
    assert validate_landed_objects(objects, PREFIX) == {
        "prefix": PREFIX,
        "file_count": 3,
        "total_bytes": 4072,
        "files": [PREFIX + "orders.jsonl.gz", PREFIX + "part-0000.parquet", PREFIX + "part-0001.parquet"],
    }


MARKER = LandedObject(PREFIX + "_SUCCESS", 0)


def test_exactly_at_the_size_limit_is_accepted():
    summary = validate_landed_objects([LandedObject(PREFIX + "big.parquet", MAX_FILE_BYTES), MARKER], PREFIX)
    assert summary["total_bytes"] == 10 * 1024**3


@pytest.mark.parametrize(
    ("objects", "message"),
    [
        ([], f"completion marker {PREFIX}_SUCCESS is missing"),
        ([MARKER], f"no data files under {PREFIX}"),
        ([LandedObject(PREFIX + "part-00000.jsonl", 10)], f"completion marker {PREFIX}_SUCCESS is missing"),
        ([LandedObject(PREFIX + "orders.parquet", 0), MARKER], "orders.parquet: file is empty"),
        ([LandedObject(PREFIX + "orders.parquet", MAX_FILE_BYTES + 1), MARKER], f"{MAX_FILE_BYTES + 1} bytes exceeds"),
        ([LandedObject(PREFIX + "orders.exe", 10), MARKER], "orders.exe: unexpected file type"),
        ([LandedObject("raw/ecommerce/orders/2024-01-14/x.parquet", 10), MARKER], "outside the landing prefix"),
    ],
)
def test_bad_folders_are_refused_with_the_reason(objects, message):
    with pytest.raises(LandingValidationError, match=message.replace(".", r"\.")):
        validate_landed_objects(objects, PREFIX)


def test_every_problem_is_listed_even_when_good_files_exist():
    objects = [
        LandedObject(PREFIX + "good.parquet", 10),
        LandedObject(PREFIX + "empty.parquet", 0),
        LandedObject(PREFIX + "notes.txt", 5),
        MARKER,
    ]
    with pytest.raises(LandingValidationError) as refused:
        validate_landed_objects(objects, PREFIX)
    assert str(refused.value) == (
        f"landing folder {PREFIX} refused: {PREFIX}empty.parquet: file is empty; "
        f"{PREFIX}notes.txt: unexpected file type (expected one of .parquet, .json, .jsonl, .avro, .csv)"
    )
