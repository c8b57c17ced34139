"""API shapes for quick checks and metrics: requests, and the responses the OpenAPI schema
states (so schemathesis checks every field; issue 14)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import SkipJsonSchema

from scrapers.lineup import FORMATS

__all__ = [
    "HTTP_URL",
    "ArticleCheckIn",
    "Balance",
    "Cell",
    "CheckedPerson",
    "CheckedSession",
    "CitationsResult",
    "LineupCheck",
    "ManelsResult",
    "MatrixCell",
    "PanelCheck",
    "PanelCheckIn",
    "RolesResult",
    "ShareResult",
    "UrlIn",
]

# An http(s) URL with a host, and no space or control character anywhere (a NUL would reach
# PostgreSQL, which refuses it in text).
# Explicit classes, not \s: JSON Schema (ECMA) and pydantic (Rust) disagree on what \s is.
HTTP_URL = r"^[hH][tT][tT][pP][sS]?://[^ /\x00-\x1f\x7f]+[^ \x00-\x1f\x7f]*$"


Name = Annotated[str, Field(max_length=1000)]


class PanelCheckIn(BaseModel):
    """Names of a panel, or the URL of an agenda page holding one (exactly one of the two)."""

    # The schema says what the validator enforces, so schema-valid input is accepted (issue 14).
    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["names"]}, {"required": ["url"]}]}
    )

    names: Annotated[list[Name], Field(min_length=1, max_length=500)] | SkipJsonSchema[None] = None
    url: Annotated[str, Field(max_length=2000, pattern=HTTP_URL)] | SkipJsonSchema[None] = None
    country: Annotated[str, Field(min_length=2, max_length=2)] | SkipJsonSchema[None] = None

    @model_validator(mode="after")
    def _one_of(self) -> PanelCheckIn:
        if bool(self.names) == bool(self.url):
            raise ValueError("give either names (a non-empty list) or url")
        if self.names and any(len(name) > 1000 for name in self.names):
            raise ValueError("a name is limited to 1000 characters")
        return self


LineupFormat = Literal[FORMATS]  # type: ignore[valid-type]


class UrlIn(BaseModel):
    url: str = Field(max_length=2000, pattern=HTTP_URL)
    format: LineupFormat | SkipJsonSchema[None] = None


# --- responses: metrics (DESIGN.md, Metrics) -------------------------------------------------

Mode = Literal["hard", "probabilistic"]
Interval = Annotated[list[float], Field(min_length=2, max_length=2)]


class Cell(BaseModel):
    """Counts by label, women's share (unknown excluded) with its 95% interval, coverage."""

    women: int
    men: int
    nonbinary: int
    unknown: int
    n: int = Field(description="Everyone counted, unknown included")
    share: float | None = None
    interval: Interval | None = None
    coverage: float | None = None
    share_of_all: float | None = Field(default=None, description="Women / all, unknown kept")
    small: bool
    small_reason: str | None = None


class ShareRow(Cell):
    period: int = Field(description="A year (2024), a month (202405) or 0 for all time")


class ShareResult(BaseModel):
    metric: Literal["share"]
    scope: Literal["panels", "citations"]
    mode: Mode
    rows: list[ShareRow]


class RolesRow(BaseModel):
    period: int
    roles: dict[str, Cell] = Field(description="keynote, moderator, speaker ... to their cell")


class RolesResult(BaseModel):
    metric: Literal["roles"]
    mode: Mode
    rows: list[RolesRow]


class ManelRow(BaseModel):
    period: int
    panels: int
    manels: int
    not_manels: int
    undetermined: int
    rate: float | None = None
    interval: Interval | None = None
    expected_rate: float | None = Field(default=None, description="If drawn from the pool")
    probabilistic_rate: float | None = None
    small: bool


class ManelsResult(BaseModel):
    metric: Literal["manels"]
    mode: Mode
    rows: list[ManelRow]


class MatrixCell(Cell):
    expected: float | None = None
    gap: float | None = Field(default=None, description="observed / expected - 1")
    gap_interval: Interval | None = None
    p_value: float | None = None


class CitationsRow(BaseModel):
    period: int
    groups: dict[str, MatrixCell] = Field(description="men, women, mixed, unknown authors")


class CitationsResult(BaseModel):
    metric: Literal["citations"]
    mode: Mode
    rows: list[CitationsRow]


# --- responses: quick checks -----------------------------------------------------------------


class EvidenceRead(BaseModel):
    kind: str
    value: str
    label: str
    weight: float
    detail: str


class Balance(BaseModel):
    woman: int
    man: int
    nonbinary: int
    unknown: int
    share: float | None = None
    interval: Interval | None = None
    coverage: float | None = None
    share_of_all: float | None = None


Status = Literal["manel", "not a manel", "undetermined", "single"]


class CheckedPerson(BaseModel):
    name: str
    role: str
    kind: str
    affiliation: str | None = None
    label: str | None = Field(description="None for an organisation: listed, never counted")
    probability: float | None = None
    source: str | None = None
    evidence: list[EvidenceRead] = []
    reason: str | None = None


class PanelCheck(BaseModel):
    people: list[CheckedPerson]
    balance: Balance
    status: Status
    manel: bool | None = None


class CheckedEvent(BaseModel):
    name: str
    url: str | None = None


class CheckedSession(BaseModel):
    title: str
    start: str | None = None
    kind: str | None = None
    status: Status
    balance: Balance
    people: list[CheckedPerson]


class LineupCheck(BaseModel):
    event: CheckedEvent
    overall: Balance
    roles: dict[str, Balance]
    manels: int
    undetermined: int
    panels: int
    manel_rate: float | None = None
    expected_manel_rate: float | None = None
    sessions: list[CheckedSession]


class ArticleCheckIn(BaseModel):
    """An article to check: its URL, its HTML (URL optional), or its plain text (title optional)."""

    # The schema says what the validator enforces, so schema-valid input is accepted (issue 14).
    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [
                {"required": ["text"], "not": {"anyOf": [{"required": ["url"]},
                                                         {"required": ["html"]}]}},
                {"required": ["html"], "not": {"required": ["text"]}},
                {"required": ["url"], "not": {"anyOf": [{"required": ["html"]},
                                                        {"required": ["text"]}]}},
            ]
        }
    )  # fmt: skip

    url: Annotated[str, Field(max_length=2000, pattern=HTTP_URL)] | SkipJsonSchema[None] = None
    html: Annotated[str, Field(min_length=1, max_length=5_000_000)] | SkipJsonSchema[None] = None
    text: Annotated[str, Field(min_length=1, max_length=500_000)] | SkipJsonSchema[None] = None
    title: Annotated[str, Field(max_length=1000)] | SkipJsonSchema[None] = None

    @model_validator(mode="after")
    def _one_of(self) -> ArticleCheckIn:
        if bool(self.html) + bool(self.text) > 1 or not (self.url or self.html or self.text):
            raise ValueError("give one of: url, html (with an optional url), text (with title)")
        if self.text and self.url:
            raise ValueError("text is checked as pasted: give html with a url, or text alone")
        return self
