"""Outlets and articles. Counts are public; authors' and experts' names need a viewer key."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.access.api import Caller, require
from app.access.models import KeyRole
from app.articles import schemas
from app.articles.models import Article, Authorship, Citation, Outlet
from app.errors import NotFound
from app.gender.models import CURRENT_LABEL
from app.people import privacy
from app.people.models import Person
from app.web_session import IdPath, IdQuery, IsoDate, get_session

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["articles"])
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


@router.get(
    "/outlets",
    response_model=list[schemas.OutletRead],
    summary="Outlets with their numbers of articles",
)
def list_outlets(session: SessionDep) -> list[dict[str, Any]]:
    rows = session.execute(
        select(Outlet, func.count(Article.id))
        .outerjoin(Article, Article.outlet_id == Outlet.id)
        .group_by(Outlet.id)
        .order_by(Outlet.name)
    )
    return [
        {"id": o.id, "name": o.name, "domain": o.domain, "country": o.country, "articles": n}
        for o, n in rows
    ]


@router.get(
    "/articles",
    response_model=schemas.ArticlePage,
    summary="Articles with their numbers of authors and cited experts",
)
def list_articles(
    session: SessionDep,
    outlet: IdQuery = None,
    start: Annotated[IsoDate | None, Query(alias="from")] = None,
    end: Annotated[IsoDate | None, Query(alias="to")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    cited = (
        select(Citation.article_id, func.count(Citation.id).label("cited"))
        .group_by(Citation.article_id)
        .subquery()
    )
    stmt = select(Article, cited.c.cited).outerjoin(cited, cited.c.article_id == Article.id)
    if outlet is not None:
        stmt = stmt.where(Article.outlet_id == outlet)
    if start is not None:
        stmt = stmt.where(Article.published >= datetime.combine(start, time.min, UTC))
    if end is not None:
        stmt = stmt.where(Article.published <= datetime.combine(end, time.max, UTC))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.execute(
        stmt.order_by(Article.published.desc(), Article.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    seen = privacy.load(session)
    items = [{**_article(a, seen), "cited": n or 0} for a, n in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


def _article(article: Article, seen: privacy.Visibility) -> dict[str, Any]:
    return {
        "id": article.id, "url": article.url, "title": seen.text(article.title),
        "outlet_id": article.outlet_id, "language": article.language,
        "published": article.published.isoformat() if article.published else None,
    }  # fmt: skip


def _people(session: Session, model: Any, article_id: int) -> list[dict[str, Any]]:
    extra = [model.quoted, model.mentions, model.quote] if model is Citation else []
    rows = session.execute(
        select(Person.id, Person.display_name, Person.opted_out, CURRENT_LABEL.c.label,
               CURRENT_LABEL.c.source, CURRENT_LABEL.c.probability, *extra)
        .join(model, model.person_id == Person.id)
        .join(CURRENT_LABEL, CURRENT_LABEL.c.person_id == Person.id)
        .where(model.article_id == article_id)
    )  # fmt: skip
    seen = privacy.load(session)
    found = []
    for row in rows:
        if row.opted_out or seen.hidden(row.id):
            continue
        item = {"person_id": row.id, "name": row.display_name, "label": row.label,
                "source": row.source, "probability": row.probability}  # fmt: skip
        if model is Citation:
            item |= {"quoted": row.quoted, "mentions": row.mentions, "quote": seen.text(row.quote)}
        found.append(item)
    return found


@router.get(
    "/articles/{article_id}",
    response_model=schemas.ArticleDetail,
    summary="An article's authors and cited experts (viewer)",
)
def get_article(
    article_id: IdPath,
    session: SessionDep,
    _caller: Annotated[Caller, Depends(require(KeyRole.VIEWER))],
) -> dict[str, Any]:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    return {
        **_article(article, privacy.load(session)),
        "authors": _people(session, Authorship, article_id),
        "cited": _people(session, Citation, article_id),
    }
