"""API shapes for outlets and articles (the OpenAPI schema states them)."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["ArticleDetail", "ArticlePage", "ArticlePerson", "ArticleRead", "OutletRead"]


class OutletRead(BaseModel):
    id: int
    name: str
    domain: str
    country: str | None = None
    articles: int


class ArticleBase(BaseModel):
    id: int
    url: str
    title: str | None = None
    outlet_id: int | None = None
    language: str | None = None
    published: str | None = Field(default=None, description="ISO date-time")


class ArticleRead(ArticleBase):
    cited: int


class ArticlePage(BaseModel):
    items: list[ArticleRead]
    total: int
    page: int
    per_page: int


class ArticlePerson(BaseModel):
    person_id: int
    name: str
    label: str
    source: str
    probability: float | None = None
    quoted: bool | None = None
    mentions: int | None = None
    quote: str | None = None


class ArticleDetail(ArticleBase):
    authors: list[ArticlePerson]
    cited: list[ArticlePerson]
