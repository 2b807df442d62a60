"""Extraction of tables, places and facts from Chinese government 政务服务 bulletins.

>>> from extractor import extract
>>> result = extract("bulletin.pdf")
>>> result.tables[0].columns
"""

from extractor.errors import ExtractorError
from extractor.model.result import ExtractionResult, Table, TableCell
from extractor.pipeline import extract
from extractor.settings import Settings

__all__ = ["ExtractionResult", "ExtractorError", "Settings", "Table", "TableCell", "extract"]
__version__ = "0.1.0"
