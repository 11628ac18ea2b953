"""Spark settings from a Java-properties file named by GRIDATA_SPARK_CONF_FILE (in the cluster the Vault agent
renders /vault/secrets/catalog-conf with the catalog credential), applied to the session before any catalog is
used. Iceberg builds a catalog from the session conf on first use, so settings applied then take effect.

Values may be secrets: no message here ever contains a value, only line numbers and keys."""
from __future__ import annotations

import os
import re

CONF_FILE_ENV = "GRIDATA_SPARK_CONF_FILE"

_KEY_PATTERN = re.compile(r"spark\.[A-Za-z0-9_.\-]+")
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}


class SparkConfFileError(ValueError):
    pass


def _logical_lines(text: str):
    """(first physical line number, logical line): a line ending in an odd number of backslashes continues on
    the next one, whose leading whitespace is dropped (java.util.Properties rules)."""
    pending, start = None, 0
    for number, line in enumerate(text.splitlines(), start=1):
        segment = line.lstrip(" \t\f")
        if pending is None:
            if not segment or segment[0] in "#!":
                continue
            pending, start = "", number
        if (len(segment) - len(segment.rstrip("\\"))) % 2 == 1:
            pending += segment[:-1]
            continue
        yield start, pending + segment
        pending = None
    if pending is not None:
        yield start, pending


def _unescape(raw: str, line_number: int) -> str:
    out, i = [], 0
    while i < len(raw):
        char = raw[i]
        if char != "\\" or i + 1 == len(raw):
            out.append(char)
            i += 1
            continue
        escaped = raw[i + 1]
        if escaped == "u":
            digits = raw[i + 2:i + 6]
            if not re.fullmatch(r"[0-9A-Fa-f]{4}", digits):
                raise SparkConfFileError(f"line {line_number}: malformed \\uXXXX escape")
            out.append(chr(int(digits, 16)))
            i += 6
        else:
            out.append(_ESCAPES.get(escaped, escaped))
            i += 2
    return "".join(out)


def _split_entry(line: str) -> tuple[str, str]:
    """Key ends at the first unescaped '=', ':' or whitespace; then optional whitespace, one '='/':' and whitespace."""
    i = 0
    while i < len(line) and line[i] not in "=: \t\f":
        i += 2 if line[i] == "\\" else 1
    key, rest = line[:i], line[i:].lstrip(" \t\f")
    if rest[:1] in ("=", ":"):
        rest = rest[1:].lstrip(" \t\f")
    return key, rest


def parse_properties(text: str) -> dict[str, str]:
    """Java-properties text -> {key: value}; the last occurrence of a key wins (as in java.util.Properties).

    Only Spark settings are accepted: a key that is not `spark.<name>` is refused, so a file meant for something
    else (e.g. an AWS credentials profile) fails loudly instead of being half-applied."""
    entries: dict[str, str] = {}
    for number, line in _logical_lines(text):
        raw_key, raw_value = _split_entry(line)
        key = _unescape(raw_key, number)
        if not _KEY_PATTERN.fullmatch(key):
            # The key is not shown: a malformed line may carry the secret in its first token.
            raise SparkConfFileError(f"line {number}: expected `spark.<name>=<value>`, found another key")
        entries[key] = _unescape(raw_value, number)
    return entries


def read_conf_file(path: str) -> dict[str, str]:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise SparkConfFileError(f"{CONF_FILE_ENV} names {path}, which does not exist") from None
    except IsADirectoryError:
        raise SparkConfFileError(f"{CONF_FILE_ENV} names {path}, which is a directory") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
        raise SparkConfFileError(f"cannot read {path} named by {CONF_FILE_ENV}: {reason}") from None
    try:
        entries = parse_properties(text)
    except SparkConfFileError as error:
        raise SparkConfFileError(f"{path}: {error}") from None
    if not entries:
        raise SparkConfFileError(f"{path} named by {CONF_FILE_ENV} holds no settings")
    return entries


def conf_from_environment(environ=os.environ) -> dict[str, str]:
    """The settings of the file named by GRIDATA_SPARK_CONF_FILE; {} when the variable is unset or empty."""
    path = environ.get(CONF_FILE_ENV)
    return read_conf_file(path) if path else {}


def apply_conf(spark, entries: dict[str, str]) -> None:
    """Sets each entry on the running session; a key Spark refuses at run time (static or core settings) is
    reported by name only."""
    for key, value in entries.items():
        try:
            spark.conf.set(key, value)
        except Exception as error:  # py4j/AnalysisException texts are not shown: they could echo the value
            raise SparkConfFileError(
                f"Spark refused the setting {key} from {CONF_FILE_ENV} ({type(error).__name__}); "
                "only runtime settings such as spark.sql.catalog.<name>.* can be applied this way"
            ) from None
