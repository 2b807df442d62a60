"""One settings object for the whole extractor; every field can be set by an
environment variable `EXTRACTOR_<FIELD>` (e.g. `EXTRACTOR_BORDERLESS=0`)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields

ENV_PREFIX = "EXTRACTOR_"


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(ENV_PREFIX + name.upper())
    if raw is None:
        return default
    return raw.strip().lower() not in ("0", "false", "no", "off", "")


@dataclass(frozen=True, slots=True)
class Settings:
    borderless: bool = field(default_factory=lambda: _env_bool("borderless", True))
    """Look for tables without ruling lines (aligned text columns)."""

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]
