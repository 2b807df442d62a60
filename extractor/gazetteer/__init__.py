"""Places and departments → official codes: the compiled gazetteer, matching, and the entities stage."""

from extractor.gazetteer.data import Department, Division, Gazetteer, load
from extractor.gazetteer.resolve import THRESHOLD, Context, Match, Resolver

__all__ = ["THRESHOLD", "Context", "Department", "Division", "Gazetteer", "Match", "Resolver", "load"]
