"""Write one result to disk: `OUT/<stem>.json` and each table as `OUT/<stem>/<table id>.csv`.

Files are written to a temporary name and renamed into place, so a reader
(or a crash) never sees half a file. CSV is UTF-8 with a byte-order mark,
which Excel on Chinese Windows needs to read the text correctly; its first
row holds the flattened header paths. Text a spreadsheet would run as a formula
gets a leading `'` (export/safe.py).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from extractor import timings
from extractor.export.safe import defuse
from extractor.model.result import ExtractionResult


def _file_mode() -> int:
    """The mode a plain `open()` would give a new file under this process's umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()


def atomic_write(path: Path, data: str, encoding: str = "utf-8", durable: bool = True) -> None:
    """Write to a temporary name and rename into place: a reader or a crash never sees half a
    file. `durable`: on disk before the rename (fsync), so that a power cut cannot leave an
    empty file under the final name either."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)  # short: the final name may be long
    try:
        os.fchmod(fd, FILE_MODE)  # mkstemp creates 0600; results are shared like any file written here
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def table_csv(columns: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([defuse(c) for c in columns])
    writer.writerows([defuse(c) for c in row] for row in rows)
    return buf.getvalue()


def write_result(result: ExtractionResult, out_dir: Path, stem: str) -> Path:
    """Write the table CSVs and then the JSON; return the JSON's path. A result that records its
    timings records them up to its own JSON (the writing of the CSVs included).

    Only the JSON is made durable (fsync, a few ms a file): the CSVs are derived from it (`extractor
    export --format csv` makes them from the JSONs), so a power cut costs at most a CSV, never a result."""
    with timings.stage("write"):
        for table in result.tables:
            csv_text = table_csv(table.columns, table.rows)
            atomic_write(out_dir / stem / f"{table.id}.csv", csv_text, encoding="utf-8-sig", durable=False)
        if result.timings is not None:
            result.timings = timings.so_far() or result.timings
        json_path = out_dir / f"{stem}.json"
        atomic_write(json_path, result.to_json())
    return json_path
