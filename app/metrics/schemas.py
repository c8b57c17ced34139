"""API shapes for quick checks and metrics."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

__all__ = ["HTTP_URL", "ArticleCheckIn", "PanelCheckIn", "UrlIn"]

HTTP_URL = r"^[hH][tT][tT][pP][sS]?://[^\s/]+"


class PanelCheckIn(BaseModel):
    """Names of a panel, or the URL of an agenda page holding one.

    Names are read as people write them: "Dr. Fiona Hill, Brookings (moderator)" keeps the title,
    affiliation and role; a trailing "[DE]" is that person's country. `country` is only the
    default for people without one.
    """

    names: list[str] | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=2000, pattern=HTTP_URL)
    country: str | None = Field(default=None, min_length=2, max_length=2)

    @model_validator(mode="after")
    def _one_of(self) -> PanelCheckIn:
        if bool(self.names) == bool(self.url):
            raise ValueError("give either names (a non-empty list) or url")
        if self.names and any(len(name) > 1000 for name in self.names):
            raise ValueError("a name is limited to 1000 characters")
        return self


class UrlIn(BaseModel):
    url: str = Field(max_length=2000, pattern=HTTP_URL)
    format: str | None = Field(default=None, max_length=40)


class ArticleCheckIn(BaseModel):
    """An article to check: its URL, its HTML (URL optional), or its plain text (title optional)."""

    url: str | None = Field(default=None, max_length=2000, pattern=HTTP_URL)
    html: str | None = Field(default=None, max_length=5_000_000)
    text: str | None = Field(default=None, max_length=500_000)
    title: str | None = Field(default=None, max_length=1000)

    @model_validator(mode="after")
    def _one_of(self) -> ArticleCheckIn:
        if bool(self.html) + bool(self.text) > 1 or not (self.url or self.html or self.text):
            raise ValueError("give one of: url, html (with an optional url), text (with title)")
        if self.text and self.url:
            raise ValueError("text is checked as pasted: give html with a url, or text alone")
        return self
