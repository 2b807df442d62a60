"""`extractor serve`'s API through a real app: real worker processes, a real SQLite file, real PDFs.

The app runs its lifespan (the queue runner and its worker pool) inside FastAPI's TestClient.
"""

from __future__ import annotations

import io
import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from extractor.api.app import create_app
from extractor.model.result import ExtractionResult
from extractor.settings import Settings
from tests.conftest import SAMPLES, validate_result
from tests.pdfs import text_pdf, truncated_copy

BULLETIN = SAMPLES / "digital" / "bulletin-000.pdf"


def wait_done(client: TestClient, doc_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(f"/v1/documents/{doc_id}").json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.2)
    raise AssertionError(f"{doc_id} not done within {timeout} s: {state}")


def upload(client: TestClient, path: Path, name: str | None = None, headers: dict | None = None):
    return client.post(
        "/v1/documents", files={"file": (name or path.name, path.read_bytes(), "application/pdf")}, headers=headers
    )


def test_upload_follow_fetch_export_and_the_same_bytes_again(tmp_path: Path):
    out = tmp_path / "out"
    with TestClient(create_app(out)) as client:
        first = upload(client, BULLETIN)
        assert first.status_code == 202 and first.json()["status"] == "queued"
        doc_id = first.json()["id"]
        again = upload(client, BULLETIN, name="copy.pdf")
        assert again.status_code == 200 and again.json()["id"] == doc_id
        state = wait_done(client, doc_id)
        assert state["status"] == "done" and state["name"] == "bulletin-000" and state["error"] is None
        validate_result(state["result"])
        assert [t["id"] for t in state["result"]["tables"]] == ["t1", "t2"]
        assert state["result"]["corrections"] == []

        listed = client.get("/v1/documents", params={"status": "done"}).json()
        assert listed["total"] == 1 and listed["documents"][0]["id"] == doc_id
        assert client.get("/v1/documents", params={"status": "queued"}).json() == {"documents": [], "total": 0}
        assert client.get("/v1/documents", params={"limit": 1, "offset": 1}).json()["documents"] == []

        csv_text = client.get(f"/v1/documents/{doc_id}/tables/t1.csv").content.decode("utf-8-sig")
        assert "已附码项目/审批类项目/项目数量" in csv_text.splitlines()[0]
        book = load_workbook(io.BytesIO(client.get(f"/v1/documents/{doc_id}.xlsx").content))
        assert len([n for n in book.sheetnames if n.startswith("t")]) == 2
        one = load_workbook(io.BytesIO(client.get(f"/v1/documents/{doc_id}/tables/t2.xlsx").content))
        assert one.sheetnames[0].startswith("t2")

        sizes = client.get(f"/v1/documents/{doc_id}/pages").json()
        assert [p["page"] for p in sizes] == [1, 2, 3, 4] and sizes[2]["width"] > sizes[2]["height"]  # landscape
        png = client.get(f"/v1/documents/{doc_id}/pages/3.png", params={"width": 500})
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
        assert client.get(f"/v1/documents/{doc_id}/pages/9.png").status_code == 404

        metrics = client.get("/metrics").text
        assert 'extractor_documents{status="done"} 1' in metrics and "extractor_pages_done_total 4" in metrics
        assert client.get("/healthz").json()["status"] == "ok"
        assert client.get("/v1/documents/" + "0" * 64).status_code == 404
        assert "/v1/documents" in client.get("/openapi.json").json()["paths"]
    assert (out / "uploads" / f"{doc_id}.pdf").exists()


def test_bad_input_is_refused_as_the_command_line_refuses_it_and_the_server_keeps_serving(tmp_path: Path):
    out = tmp_path / "out"
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("just text", encoding="utf-8")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    damaged = truncated_copy(BULLETIN, tmp_path / "damaged.pdf", keep=0.3)
    encrypted = text_pdf(tmp_path / "locked.pdf", ["保密"], encrypt="secret")
    settings = Settings(limits=replace(Settings().limits, pages=2, upload_mb=1))
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    expected = {not_pdf: (415, 4), empty: (400, 5), damaged: (422, 6), encrypted: (422, 7), BULLETIN: (413, 14)}
    expected[big] = (413, 14)
    with TestClient(create_app(out, settings)) as client:
        for path, (status, code) in expected.items():
            answer = upload(client, path)
            body = answer.json()
            assert (answer.status_code, body["exit_code"]) == (status, code), (path.name, body)
            assert body["error"].startswith(path.name + ": ") and "\n" not in body["error"]
        assert "4 pages: more than the limit of 2" in upload(client, BULLETIN).json()["error"]
        assert "EXTRACTOR_MAX_UPLOAD_MB" in upload(client, big).json()["error"]
        huge = client.post("/v1/documents", files={"file": ("huge.pdf", b"%PDF-1.4\n" + b"0" * (3 << 20))})
        assert huge.status_code == 413 and huge.json()["exit_code"] == 14
        assert huge.json()["error"].startswith("upload larger than 1 MB")  # refused on its Content-Length, unread
        no_file = client.post("/v1/documents")
        assert no_file.status_code == 422 and "file" in no_file.json()["error"]
        assert client.get("/healthz").json() == {
            "status": "ok",
            "queue": {"queued": 0, "running": 0, "done": 0, "failed": 0},
            "version": client.get("/healthz").json()["version"],
        }
        good = upload(client, text_pdf(tmp_path / "ok.pdf", ["2024年3月 政务服务"]))
        assert good.status_code == 202 and wait_done(client, good.json()["id"])["status"] == "done"
    assert sorted(p.name for p in (out / "uploads").iterdir()) == [f"{good.json()['id']}.pdf"]  # nothing else kept


def test_a_correction_is_kept_apart_applied_everywhere_and_the_checks_run_again(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("EXTRACTOR_API_KEYS", "wang:k-wang, li:k-li")
    out = tmp_path / "out"
    wang = {"Authorization": "Bearer k-wang"}
    with TestClient(create_app(out)) as client:
        assert upload(client, BULLETIN).status_code == 401
        assert upload(client, BULLETIN, headers={"Authorization": "Bearer nope"}).status_code == 401
        assert client.get("/healthz").status_code == 200  # health and metrics need no key
        doc_id = upload(client, BULLETIN, headers=wang).json()["id"]
        client.headers.update(wang)
        state = wait_done(client, doc_id)
        table = state["result"]["tables"][0]
        before_failed = sum(1 for c in table["checks"] if not c["ok"])
        # the 合计 row's 总计项目数量: 184 as printed; 194 breaks its column total
        total_cell = next(c for c in table["cells"] if c["text"] == "184" and not c["header"])
        url = f"/v1/documents/{doc_id}/tables/t1/cells/{total_cell['row']}/{total_cell['col']}"
        answer = client.put(url, json={"text": "194"})
        assert answer.status_code == 200
        body = answer.json()
        assert body["correction"]["old"] == "184" and body["correction"]["new"] == "194"
        assert body["correction"]["by"] == "wang"
        assert body["checks_failed"] == before_failed + 1  # the checks ran again: the total no longer adds up
        mine = next(c for c in body["table"]["cells"] if (c["row"], c["col"]) == (total_cell["row"], total_cell["col"]))
        assert "corrected" in mine["flags"] and "total_mismatch" in mine["flags"]
        back = client.put(url, json={"text": "184"}, headers={"Authorization": "Bearer k-li"}).json()
        assert back["checks_failed"] == before_failed and back["correction"]["by"] == "li"

        served = client.get(f"/v1/documents/{doc_id}").json()["result"]
        assert [(c["old"], c["new"]) for c in served["corrections"]] == [("184", "194"), ("194", "184")]
        client.put(url, json={"text": "148"})
        csv_text = client.get(f"/v1/documents/{doc_id}/tables/t1.csv").content.decode("utf-8-sig")
        assert csv_text.splitlines()[1].split(",")[2] == "148"
        book = load_workbook(io.BytesIO(client.get(f"/v1/documents/{doc_id}.xlsx").content))
        sheet = book[book.sheetnames[0]]
        figures = [c.value for row in sheet.iter_rows() for c in row]
        assert 148 in figures and 184 not in figures
        assert client.put(f"/v1/documents/{doc_id}/tables/t1/cells/999/0", json={"text": "x"}).status_code == 404
        assert client.put(f"/v1/documents/{doc_id}/tables/t9/cells/1/1", json={"text": "x"}).status_code == 404
        queue = client.get("/v1/review").json()
        assert queue[0]["id"] == doc_id and queue[0]["table"] == "t1"
    # the machine's result is never overwritten; `extractor export` applies the corrections too
    machine = ExtractionResult.model_validate_json((out / "bulletin-000.json").read_text(encoding="utf-8"))
    assert machine.corrections == [] and "184" in machine.tables[0].rows[0]
    from extractor.export.bundle import load_results  # noqa: PLC0415

    (stem, exported), *_ = load_results(out)
    assert stem == "bulletin-000" and exported.tables[0].rows[0][2] == "148" and len(exported.corrections) == 3
    assert json.loads(exported.model_dump_json(by_alias=True))["corrections"][0]["by"] == "wang"


@pytest.mark.parametrize("endpoint", ["/v1/documents", "/v1/review"])
def test_every_v1_call_needs_the_key_when_one_is_set(tmp_path: Path, monkeypatch, endpoint: str):
    monkeypatch.setenv("EXTRACTOR_API_KEY", "s3cret")
    with TestClient(create_app(tmp_path / "out")) as client:
        refused = client.get(endpoint)
        assert refused.status_code == 401 and "API key" in refused.json()["error"]
        assert client.get(endpoint, headers={"Authorization": "Bearer s3cret"}).status_code == 200
