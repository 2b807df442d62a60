#!/usr/bin/env python3
"""Build the synthetic statistical, budget and annual documents (stat-*).

    .venv/bin/python samples/make_statistical.py [NAME ...]      # digital PDFs + labels
    .venv/bin/python samples/make_statistical.py --scans [NAME ...]   # printed-and-scanned copies

Each document is one Python description (samples/statsynth/docs_*.py):
narrative paragraphs whose figures are marked inline (``{3916.52亿元|地区生产总值}``)
and tables given as header cells plus label rows (indent levels, stacked rows,
the 类/款/项 header cells fused into the 合计 row).  From that one description
the script writes <name>.docx with python-docx, converts it to
samples/digital/<name>.pdf with LibreOffice, and writes <name>.label.json
(never read back from the PDF).  The scans (statsynth/scan.py) render the
digital PDFs, degrade them with fixed seeds and copy the label unchanged.

Generator-only requirements (the PDFs are committed):
    apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming
    .venv/bin/pip install python-docx
Made with LibreOffice 7.4.7 (Debian 12).
"""
from __future__ import annotations

import calendar
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from statsynth.docs_budget import BUILDERS as B  # noqa: E402
from statsynth.docs_gongbao import BUILDERS as G  # noqa: E402
from statsynth.docs_nianbao import BUILDERS as N  # noqa: E402
from statsynth.docs_periodic import BUILDERS as P  # noqa: E402
from statsynth.docs_yearbook import BUILDERS as Y  # noqa: E402
from statsynth.output import docx_to_pdf, write_label  # noqa: E402
from statsynth.writer import build_docx  # noqa: E402

OUT = HERE / "digital"
BUILDERS = G + Y + B + N + P


def build(names: list[str]) -> None:
    if shutil.which("soffice") is None:
        sys.exit("soffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai")
    for make in BUILDERS:
        d = make()
        if names and d.name not in names:
            continue
        epoch = calendar.timegm((*d.published, 9, 0, 0))
        with tempfile.TemporaryDirectory() as tmp:
            docx = Path(tmp) / f"{d.name}.docx"
            build_docx(d, str(docx))
            pdf = docx_to_pdf(docx, Path(tmp), epoch)
            shutil.move(str(pdf), OUT / pdf.name)
        write_label(d, OUT / f"{d.name}.label.json")
        print(f"wrote {OUT / d.name}.pdf and .label.json")


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--scans":
        from statsynth.scan import make_scans
        make_scans(argv[1:])
    else:
        build(argv)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
