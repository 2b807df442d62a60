"""`extractor serve` as a user runs it: a real server process on loopback, kill -9 and restart, and
the review page in a real browser (Debian's headless Chromium through chromedriver)."""

from __future__ import annotations

import io
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook

from tests.conftest import SAMPLES
from tests.procs import alive, descendants
from tests.service.test_watch import wait_until

SCANNED = SAMPLES / "scanned"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(out: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "extractor", "serve", "-o", str(out), "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}")
        try:
            return httpx.get(url + "/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    wait_until(up, timeout=60)
    return proc


def stop(proc: subprocess.Popen[str]) -> str:
    """SIGTERM: the documents under way finish, then exit 0."""
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and out.rstrip().endswith("serve: stopped"), (proc.returncode, out, err)
    return err


def send(url: str, path: Path) -> str:
    answer = httpx.post(url + "/v1/documents", files={"file": (path.name, path.read_bytes())}, timeout=60)
    assert answer.status_code == 202, answer.text
    return str(answer.json()["id"])


def test_a_port_in_use_is_one_line_and_exit_16(tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "extractor", "serve", "-o", str(tmp_path / "out"), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 16, proc.stderr
    assert proc.stderr.startswith("extractor: cannot listen on 127.0.0.1:") and len(proc.stderr.splitlines()) == 1


def test_jobs_survive_a_kill_9_of_the_server_and_each_is_done_once(tmp_path: Path):
    out, port = tmp_path / "out", free_port()
    url = f"http://127.0.0.1:{port}"
    proc = serve(out, port)
    scans = sorted(SCANNED.glob("synth-*-scan-150dpi.pdf")) + sorted(SCANNED.glob("synth-*-scan-grey.pdf"))
    scans += sorted(SCANNED.glob("*screen.png"))
    ids = [send(url, p) for p in scans]
    wait_until(lambda: httpx.get(url + "/v1/documents", params={"status": "running"}).json()["total"] == 1, 60)
    family = descendants(proc.pid)
    proc.kill()  # kill -9 while a document is being read
    proc.wait(10)
    wait_until(lambda: not [p for p in family if alive(p)], timeout=15)  # no worker left behind
    proc = serve(out, port)
    try:
        wait_until(lambda: httpx.get(url + "/v1/documents", params={"status": "done"}).json()["total"] == len(ids), 300)
        states = {d["id"]: d for d in httpx.get(url + "/v1/documents").json()["documents"]}
        assert sorted(states) == sorted(ids) and {d["status"] for d in states.values()} == {"done"}
        assert sorted(p.name for p in out.glob("*.json")) == sorted(f"{states[i]['name']}.json" for i in ids)
    finally:
        err = stop(proc)
    assert "Traceback" not in err


@pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="Debian's chromium and chromium-driver are not installed")
def test_the_review_page_in_a_real_browser(tmp_path: Path):
    from selenium import webdriver  # noqa: PLC0415 - only this test drives a browser
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415
    from selenium.webdriver.common.by import By  # noqa: PLC0415

    out, port = tmp_path / "out", free_port()
    url = f"http://127.0.0.1:{port}"
    proc = serve(out, port)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1600,1000", f"--user-data-dir={tmp_path / 'chromium'}",
    ):  # fmt: skip
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        doc_id = send(url, SCANNED / "bulletin-000-scan.pdf")
        wait_until(lambda: httpx.get(f"{url}/v1/documents/{doc_id}").json()["status"] == "done", 300)
        result = httpx.get(f"{url}/v1/documents/{doc_id}").json()["result"]
        cells = [c for t in result["tables"] for c in t["cells"]]
        assert cells and all(c["bbox"] for c in cells)

        browser.get(f"{url}/review")
        wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, "#queue tbody tr"), 30)
        browser.get(f"{url}/review/{doc_id}")
        wait_until(lambda: browser.execute_script("return document.body.dataset.ready") == "true", 60)
        boxes = browser.find_elements(By.CSS_SELECTOR, ".box")
        assert len(boxes) == len(cells)  # one box drawn over the page for every cell of the result
        flagged = browser.find_elements(By.CSS_SELECTOR, ".box.flagged")
        assert flagged, "the scanned sample's table should have a flagged cell"
        target = flagged[0]
        table_id, row, col = (target.get_attribute(a) for a in ("data-table", "data-row", "data-col"))
        browser.execute_script("arguments[0].scrollIntoView()", target)
        target.click()
        assert browser.find_element(By.ID, "p-where").text.startswith(f"{table_id} row {row}, column {col}")
        assert browser.find_element(By.ID, "p-flags").text not in ("", "none")
        field = browser.find_element(By.ID, "new-text")
        field.clear()
        field.send_keys("98765")
        browser.find_element(By.CSS_SELECTOR, "#correct button").click()
        wait_until(lambda: browser.execute_script("return document.body.dataset.corrected") == "1", 30)
        assert "corrected" in browser.find_element(By.ID, "message").text
        assert browser.find_elements(By.CSS_SELECTOR, f'.box.corrected[data-row="{row}"][data-col="{col}"]')
        browser.save_screenshot(str(tmp_path / "review.png"))
        assert (tmp_path / "review.png").stat().st_size > 10_000

        book = load_workbook(io.BytesIO(httpx.get(f"{url}/v1/documents/{doc_id}.xlsx").content))
        figures = [c.value for ws in book.worksheets for r in ws.iter_rows() for c in r]
        assert 98765 in figures or "98765" in figures  # the correction is in the export
        served = httpx.get(f"{url}/v1/documents/{doc_id}").json()["result"]
        assert [(c["table"], c["row"], c["col"], c["new"]) for c in served["corrections"]] == [
            (table_id, int(row), int(col), "98765")
        ]
    finally:
        browser.quit()
        stop(proc)


def test_200_uploads_from_8_clients_each_done_exactly_once(tmp_path: Path):
    from evaluation.bench_api import attempts, load, start_server, wait_empty  # noqa: PLC0415
    from evaluation.bench_batch import make_docs  # noqa: PLC0415

    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    make_docs(inbox, 200)
    proc, url = start_server(out, workers=2)
    try:
        run = load(url, sorted(inbox.iterdir()), clients=8)
        assert run["errors"] == [] and len(set(run["ids"])) == 200
        counts = wait_empty(url, 200, timeout=900)
        assert (counts["done"], counts["failed"]) == (200, 0)
        assert attempts(out) == {1: 200}  # no document taken twice
        assert len(list(out.glob("*.json"))) == 200
        assert httpx.get(url + "/healthz").json()["status"] == "ok"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0 and b"Traceback" not in err
