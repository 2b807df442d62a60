import pytest

from extractor.errors import DamagedInput, EmptyInput, EncryptedInput, InputNotFound, UnsupportedInput
from extractor.ingest.source import check_pdf, sniff
from tests.conftest import DIGITAL
from tests.pdfs import text_pdf, truncated_copy


def test_sniff_by_content_not_name(tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_text("<html>not a pdf</html>")
    with pytest.raises(UnsupportedInput):
        sniff(fake)
    png = tmp_path / "scan.bin"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    assert sniff(png) == "image"


def test_empty_and_missing(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyInput):
        sniff(empty)
    with pytest.raises(InputNotFound):
        sniff(tmp_path / "nope.pdf")


def test_encrypted_pdf_is_named_as_such(tmp_path):
    pdf = text_pdf(tmp_path / "secret.pdf", ["机密"], encrypt="s3cret")
    with pytest.raises(EncryptedInput):
        check_pdf(pdf)


def test_truncated_pdf(tmp_path):
    bad = truncated_copy(DIGITAL[0], tmp_path / "cut.pdf", keep=0.05)
    with pytest.raises(DamagedInput):
        check_pdf(bad)
