"""The JSON Schema of a result, generated from the pydantic model (committed as schema/*.json)."""

from __future__ import annotations

from typing import Any

from extractor.model.result import SCHEMA_ID, ExtractionResult


def result_schema() -> dict[str, Any]:
    schema = ExtractionResult.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Bulletin extraction result (bulletin-extract/1)"
    return schema
