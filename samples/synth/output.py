"""Label JSON from a model.Bulletin, and .docx -> PDF through LibreOffice."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from .model import Bulletin, Event, Para, Table


def _md(md: tuple[int, int] | None) -> str | None:
    # Events print month and day only; the year is not written next to them,
    # so labels use "--MM-DD" as the reference label of bulletin-000 does.
    return None if md is None else f"--{md[0]:02d}-{md[1]:02d}"


def events(b: Bulletin) -> list[tuple[Event, str]]:
    """Every labelled event with the paragraph that prints it, in reading order:
    an Event block, or one of the events of a Para (several in one paragraph)."""
    out: list[tuple[Event, str]] = []
    for x in b.blocks:
        if isinstance(x, Event):
            out.append((x, x.text))
        elif isinstance(x, Para):
            out.extend((e, x.text) for e in x.events)
    return out


def check_bulletin(b: Bulletin) -> None:
    """Every labelled fact must be readable in the printed text."""
    text = "\n".join(x.text for x in b.blocks if isinstance(x, (Para, Event)))
    for ev, printed in events(b):
        assert ev.text in printed, (ev.text, printed)
        assert f"{ev.date[0]}月{ev.date[1]}日" in ev.text, ev.text
        for name in ev.people:
            assert name in ev.text and name in b.people, (name, ev.text)
    for p in b.people.values():
        assert p.name in text and p.title in text, p
    for name in b.visits:
        assert f"{name}{b.visits[name]}次" in text, name


def label(b: Bulletin) -> dict:
    check_bulletin(b)
    tables = []
    for t in (x for x in b.blocks if isinstance(x, Table)):
        t.check()
        tables.append({"title": t.title, "columns": t.columns, "rows": t.rows,
                       "score_header": t.score_header or [True] * len(t.columns)})
    evs = [{"kind": e.kind, "date": _md(e.date), "end_date": _md(e.end), "people": e.people}
           for e, _ in events(b)]
    return {"tables": tables,
            "facts": {"events": evs,
                      "people": {p.name: p.title for p in b.people.values()},
                      "visits": dict(b.visits)},
            "entities": dict(b.entities)}


def write_label(b: Bulletin, path: Path) -> None:
    path.write_text(json.dumps(label(b), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def docx_to_pdf(docx: Path, outdir: Path, epoch: int) -> Path:
    """Convert with a throw-away LibreOffice profile; stamp a fixed date and ID."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), TZ="UTC")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), str(docx)],
                       check=True, env=env, capture_output=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = outdir / (docx.stem + ".pdf")
    _stamp(pdf, epoch)
    return pdf


def _stamp(pdf: Path, epoch: int) -> None:
    """LibreOffice 7.4 ignores SOURCE_DATE_EPOCH.  Rewrite, in place and with
    the same byte lengths (so the xref offsets stay valid), the creation date,
    LibreOffice's time-dependent /DocChecksum and the /ID, the last two from a
    hash of the rest of the file: same input, same bytes."""
    data = pdf.read_bytes()
    stamp = time.strftime("D:%Y%m%d%H%M%S", time.gmtime(epoch)).encode()
    data = re.sub(rb"(/CreationDate\s*\()D:\d{14}", lambda m: m.group(1) + stamp, data)
    volatile = rb"(/ID\s*\[\s*<)([0-9A-F]+)(>\s*<)([0-9A-F]+)(>)|(/DocChecksum\s*/)([0-9A-F]+)"
    digest = hashlib.md5(re.sub(volatile, b"", data)).hexdigest().upper().encode() * 2

    def fill(m: re.Match) -> bytes:
        return b"".join(digest[:len(g)] if i in (2, 4, 7) else g
                        for i, g in enumerate(m.groups(), 1) if g is not None)
    pdf.write_bytes(re.sub(volatile, fill, data))
