"""Extraction of tables, places and facts from Chinese government 政务服务 bulletins.

>>> from extractor import extract
>>> result = extract("bulletin.pdf")
>>> result.tables[0].columns
"""

import os

# NumPy's OpenBLAS starts a thread per core when it loads (about 50 ms of a 0.4 s start-up here);
# nothing here multiplies matrices large enough to use them, and the worker pool runs documents
# in processes. A value the user sets stands.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from extractor.errors import ExtractorError
from extractor.model.result import ExtractionResult, Table, TableCell
from extractor.pipeline import extract
from extractor.settings import Settings

__all__ = ["ExtractionResult", "ExtractorError", "Settings", "Table", "TableCell", "extract"]
__version__ = "0.1.0"
