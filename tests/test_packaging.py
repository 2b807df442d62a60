"""What the Docker image is built from agrees with the package: the version it installs, the
extras it names, the files it copies, and the package data the wheel must carry."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT


def test_the_dockerfile_installs_this_version_with_its_extras_and_copies_what_exists():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(rf"^ARG VERSION={re.escape(project['version'])}$", dockerfile, re.M)
    for extra in re.findall(r"bulletin-extractor\[(\w+)\]", dockerfile) + re.findall(r'"\.\[(\w+)\]"', dockerfile):
        assert extra in project["optional-dependencies"], extra
    for source in re.findall(r"^COPY (?!--from)(\S+(?: \S+)*) \S+$", dockerfile, re.M):
        for path in source.split():
            assert (ROOT / path).exists(), path
    static = {p.name for p in (ROOT / "extractor" / "api" / "static").iterdir()}
    assert {"review.html", "queue.html", "review.js", "review.css"} <= static
