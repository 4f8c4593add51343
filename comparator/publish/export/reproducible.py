"""What makes an export reproducible: one build date, and zip containers that depend on
their content and that date only (DOCX and XLSX are zips)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile

from comparator.model import SourceError

_CORE_PROPERTIES = "docProps/core.xml"
_CORE_DATES = re.compile(
    rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)
_EARLIEST_ZIP_YEAR = 1980  # a zip entry cannot be dated before 1980-01-01
_EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
_EPOCH = re.compile(r"[0-9]+")  # ASCII digits only: no sign, exponent or fraction
_LAST_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC, the last day a date can name


class BuildDateError(SourceError):
    """``SOURCE_DATE_EPOCH`` holds no date; the command line prints it as
    ``SOURCE_DATE_EPOCH='abc': …`` and exits 1, like any input problem."""

    def __init__(self, value: str) -> None:
        message = (
            f"expected whole seconds since 1970-01-01 00:00 UTC, from 0 to "
            f"{_LAST_EPOCH} (as `date +%s` prints them), or the variable unset"
        )
        super().__init__(_EPOCH_VARIABLE, 0, message)
        self.args = (f"{_EPOCH_VARIABLE}={value!r}: {message}",)


def build_date() -> str:
    """The date an export says it was built, as ``YYYY-MM-DD``.

    Read from ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when it is set, so that a
    reproducible build can fix it; otherwise today's date in UTC. A value that is not a
    whole number of seconds from 0 to the end of year 9999 raises ``BuildDateError``:
    a build asked to be reproducible must not quietly date itself today.
    """
    value = os.environ.get(_EPOCH_VARIABLE, "")
    if not value.strip():
        return dt.datetime.now(dt.UTC).date().isoformat()
    if not _EPOCH.fullmatch(value.strip()) or int(value) > _LAST_EPOCH:
        raise BuildDateError(value)
    return dt.datetime.fromtimestamp(int(value), dt.UTC).date().isoformat()


def deterministic_zip(data: bytes, date: str) -> bytes:
    """``data`` (a zip) rewritten so that it depends on its content and ``date`` only.

    Guarantees: the entries keep their names, order, content and compression method;
    every entry carries the same timestamp, midnight of ``date`` (``YYYY-MM-DD``, moved
    up to 1980-01-01 if earlier, as zip cannot say less); ``docProps/core.xml``, when
    present, gives ``date`` as its created and modified dates. Two calls with the same
    content and date return the same bytes.
    """
    stamp = _zip_timestamp(date)
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == _CORE_PROPERTIES:
                content = _fix_core_dates(content, date)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            entry.create_system = 3  # the same on every platform
            target.writestr(entry, content)
    return output.getvalue()


def _zip_timestamp(date: str) -> tuple[int, int, int, int, int, int]:
    day = dt.date.fromisoformat(date)
    if day.year < _EARLIEST_ZIP_YEAR:
        day = dt.date(_EARLIEST_ZIP_YEAR, 1, 1)
    return (day.year, day.month, day.day, 0, 0, 0)


def _fix_core_dates(content: bytes, date: str) -> bytes:
    stamp = f"{date}T00:00:00Z".encode()
    return _CORE_DATES.sub(lambda m: m.group(1) + stamp + m.group(2), content)
