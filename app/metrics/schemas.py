"""API shapes for quick checks and metrics."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

__all__ = ["HTTP_URL", "PanelCheckIn", "UrlIn"]

HTTP_URL = r"^[hH][tT][tT][pP][sS]?://[^\s/]+"


class PanelCheckIn(BaseModel):
    """Names of a panel, or the URL of an agenda page holding one."""

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
