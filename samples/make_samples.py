#!/usr/bin/env python3
"""Build the synthetic labelled bulletins in samples/digital/.

    .venv/bin/python samples/make_samples.py [NAME ...]

Each bulletin is described once, as Python data (samples/synth/bulletins*.py:
narrative paragraphs, dated events with the officials named, tables as header
trees plus body rows).  From that one description the script writes
  - <name>.docx with python-docx, converted to <name>.pdf by LibreOffice, and
  - <name>.label.json (shared/CONTRACT.md "Labels"), never read back from the PDF.
The .docx is deleted afterwards.  Numbers come from fixed seeds, so a rerun
gives the same labels and (same LibreOffice and fonts) the same PDFs.

Generator-only requirements (the extractor needs none of them; the PDFs are
committed):
    apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming
    .venv/bin/pip install python-docx
Made with LibreOffice 7.4.7 (Debian 12), like the reference bulletins.
"""
from __future__ import annotations

import calendar
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth.bulletins_a import BUILDERS as A  # noqa: E402
from synth.bulletins_b import BUILDERS as B  # noqa: E402
from synth.bulletins_c import BUILDERS as C  # noqa: E402
from synth.docx_writer import build_docx  # noqa: E402
from synth.output import docx_to_pdf, write_label  # noqa: E402

OUT = HERE / "digital"


def main(names: list[str]) -> int:
    if shutil.which("soffice") is None:
        sys.exit("soffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai")
    OUT.mkdir(parents=True, exist_ok=True)
    for build in A + B + C:
        b = build()
        if names and b.name not in names:
            continue
        epoch = calendar.timegm((*b.published, 9, 0, 0))
        with tempfile.TemporaryDirectory() as tmp:
            docx = Path(tmp) / f"{b.name}.docx"
            build_docx(b, str(docx))
            pdf = docx_to_pdf(docx, Path(tmp), epoch)
            shutil.move(str(pdf), OUT / pdf.name)
        write_label(b, OUT / f"{b.name}.label.json")
        print(f"wrote {OUT / b.name}.pdf and .label.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
