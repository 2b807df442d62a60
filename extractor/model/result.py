"""The result contract (`bulletin-extract/1`): what one extraction produces.

This module is the single source of truth for the JSON shape described in
CONTRACT.md; `schema/bulletin-extract-1.schema.json` is generated from it
(`extractor schema`). Keys may be added over time; none may be renamed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_ID = "bulletin-extract/1"

BBox = tuple[float, float, float, float]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    path: str
    sha256: str
    pages: int = 0
    kind: Literal["digital", "scanned", "mixed", "image", "unknown"] = "unknown"


class ErrorItem(_Model):
    stage: str
    page: int | None = None
    message: str


class Jurisdiction(_Model):
    name: str
    code: str | None = None


class DocumentMeta(_Model):
    title: str | None = None
    issuer: str | None = None
    jurisdiction: Jurisdiction | None = None
    period: str | None = Field(
        default=None,
        description="what the document reports on: YYYY-MM (--MM when the year is unknown), YYYY-Qn, YYYY-Hn, "
        "YYYY-MM/YYYY-MM (a run of months), YYYY",
    )
    period_kind: Literal["month", "quarter", "half", "year", "months"] | None = None
    published: str | None = Field(default=None, description="publication date YYYY-MM-DD")


Value = int | float | str | None


class Repair(_Model):
    """A cell re-read because a check failed or its reading was doubtful: what it said before, and how."""

    from_: str = Field(alias="from")
    by: str

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class TableCell(_Model):
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    text: str
    header: bool = False
    page: int
    bbox: BBox | None = None
    confidence: float = 1.0
    low_confidence: bool = Field(default=False, description="OCR confidence below the review threshold: check by eye")
    value: Value = Field(default=None, description="body cells: the number printed (a percentage as a fraction), "
                         "null when nothing is (empty, -, —), else the text")  # fmt: skip
    unit: str | None = Field(default=None, description="件, 万元, % …: from the cell, its header or the unit line")
    flags: list[
        Literal[
            "total_mismatch",
            "ratio_mismatch",
            "narrative_mismatch",
            "unlike_column",
            "missing",
            "out_of_sequence",
            "out_of_step",
            "unread",
            "low_confidence",
            "repaired",
            "corrected",
        ]
    ] = []
    repaired: Repair | None = None
    # where the cell's text starts and its character width (not serialised): the indent of a row label
    _ink: tuple[float, float] | None = PrivateAttr(default=None)
    # where the text's last line ends (not serialised): a label cut by a page break ran to the cell's edge
    _reach: float | None = PrivateAttr(default=None)


class Check(_Model):
    """One relation the table's own numbers state, evaluated: a total, a sum under a header, a rate,
    or a figure of the narrative. `cells` are [row, col] in the cell grid, the result first."""

    kind: Literal["column_total", "row_total", "header_sum", "ratio", "narrative"]
    ok: bool
    expected: float = Field(description="what the parts give (the sum, the quotient, the narrative's figure)")
    found: float | None = Field(description="what the result cell prints; null: nothing, where its parts are printed")
    cells: list[tuple[int, int]]
    detail: str = ""


class Table(_Model):
    id: str
    title: str | None = None
    pages: list[int]
    header_rows: int
    columns: list[str]
    rows: list[list[str]]
    row_paths: list[str] = Field(
        default=[],
        description="per body row, its place in the row-label hierarchy (其中 / # / indent / group labels), "
        "levels joined by /",
    )
    cells: list[TableCell]
    values: list[list[Value]] = Field(
        default=[], description="per body row and column: number (a percentage as a fraction), null or the text"
    )
    units: list[str] = Field(default=[], description="per column, from the header path or the unit line")
    unit: str | None = Field(default=None, description="what the table's unit line names (单位：万元 → 万元)")
    checks: list[Check] = []
    confidence: float = Field(default=1.0, description="0–1, from the checks, the OCR's confidence and the structure")
    review: bool = Field(default=False, description="a person should look: confidence below the review threshold")
    reasons: list[str] = Field(default=[], description="what lowered the confidence, for the person who looks")


class Person(_Model):
    name: str
    title: str | None = None
    org: str | None = None
    page: int | None = Field(default=None, description="where the official is first named (facts.people)")
    span: tuple[int, int] | None = Field(default=None, description="character span in narrative.text")


class Event(_Model):
    kind: Literal["visit", "inspection", "meeting", "study_trip", "other"]
    date: str | None = None
    end_date: str | None = None
    part_of_day: str | None = Field(default=None, description="上午, 下午 … when the text says")
    people: list[Person] = []
    place: str | None = None
    text: str
    page: int
    span: tuple[int, int]


class Visit(_Model):
    name: str
    title: str | None = None
    org: str | None = None
    count: int
    period: str | None = None
    page: int | None = None
    span: tuple[int, int] | None = None


class Metric(_Model):
    subject: str
    name: str
    value: float
    unit: str | None = None
    period: str | None = None
    text: str
    page: int | None = None
    span: tuple[int, int] | None = None


class FactNote(_Model):
    """Something the fact finders saw and could not take (a date that does not exist)."""

    kind: Literal["date"]
    text: str
    reason: str
    page: int
    span: tuple[int, int]


class Facts(_Model):
    events: list[Event] = []
    people: list[Person] = []
    visits: list[Visit] = []
    metrics: list[Metric] = []
    notes: list[FactNote] = []


class TableWhere(_Model):
    table: str
    row: int
    col: int


class TextWhere(_Model):
    page: int
    span: tuple[int, int]


class Candidate(_Model):
    code: str
    canonical: str
    score: float


class Entity(_Model):
    """A place or department mention resolved to the gazetteer (code null: abstained, see `candidates`)."""

    mention: str
    kind: Literal["region", "department"]
    canonical: str | None = None
    code: str | None = None
    score: float = 0.0
    where: TableWhere | TextWhere
    standard: str | None = Field(default=None, description="a department's standard name, e.g. 卫生健康局")
    review: bool = Field(default=False, description="unmatched or below the threshold: for a person to check")
    candidates: list[Candidate] = Field(default=[], description="the closest entries when the match is uncertain")


class Paragraph(_Model):
    page: int
    span: tuple[int, int]
    bbox: BBox
    heading: bool = False


class Narrative(_Model):
    """Text outside tables in reading order; facts point into `text` by span."""

    text: str = ""
    paragraphs: list[Paragraph] = []


class Engine(_Model):
    name: str
    version: str


class Correction(_Model):
    """A person's correction of one cell (the review page, `PUT …/cells/{row}/{col}`). It is kept
    apart from the machine's result, which is never overwritten, and applied in what is served and
    exported. `row` and `col` are the cell's place in the table's cell grid (header rows included,
    as in `cells[]` and `checks[].cells`)."""

    table: str
    row: int
    col: int
    old: str = Field(description="the text before this correction")
    new: str
    at: str = Field(description="when, ISO 8601 UTC")
    by: str | None = Field(default=None, description="who, when the API key used names them")


class ExtractionResult(_Model):
    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    source: Source
    status: Literal["success", "partial", "failure"] = "success"
    errors: list[ErrorItem] = []
    document: DocumentMeta = DocumentMeta()
    tables: list[Table] = []
    facts: Facts = Facts()
    entities: list[Entity] = []
    narrative: Narrative = Narrative()
    engines: list[Engine] = []
    corrections: list[Correction] = []
    """People's corrections, applied to the tables above (served and exported results only)."""
    timings: dict[str, float] | None = None
    """Seconds per pipeline stage and the total, when asked for (`extract --timings`, EXTRACTOR_TIMINGS)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=1)
