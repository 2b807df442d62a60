"""What the pool's fork server loads once, before it forks any worker (`pool.worker_context`):
the pipeline's modules and the gazetteer. A worker forked from it starts with them in
milliseconds, where a spawned one spends about 0.45 s of a core importing and loading; with two
workers on two cores and one recycled every 50 documents, that was a tenth of the run."""

import contextlib

from extractor import runtime
from extractor.service import run  # noqa: F401 - the pipeline and all it imports

with contextlib.suppress(Exception):  # a missing gazetteer is each document's failure, not the server's
    from extractor import gazetteer

    gazetteer.load()
runtime.settle()
