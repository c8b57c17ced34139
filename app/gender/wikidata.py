"""Public-record evidence: Wikidata's "sex or gender" (P21), through httpx, with a cache.

Optional and off by default (the engine gets a client only when asked). A name is matched to an
item only when the search gives exactly one human (P31 = Q5), or all humans found agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from app.gender.evidence import Evidence
from app.gender.labels import Label

__all__ = ["P21_LABELS", "WikidataClient"]

API_URL = "https://www.wikidata.org/w/api.php"
HUMAN = "Q5"
SEARCH_LIMIT = 5
P21_LABELS: dict[str, Label] = {
    "Q6581072": Label.WOMAN,  # female
    "Q6581097": Label.MAN,  # male
    "Q1052281": Label.WOMAN,  # trans woman
    "Q2449503": Label.MAN,  # trans man
    "Q48270": Label.NONBINARY,  # non-binary
    "Q12964198": Label.NONBINARY,  # genderqueer
    "Q18116794": Label.NONBINARY,  # genderfluid
    "Q505371": Label.NONBINARY,  # agender
    "Q1097630": Label.UNKNOWN,  # intersex: a sex characteristic, not a gender
}


def _claim_ids(entity: Mapping[str, Any], prop: str) -> list[str]:
    ids = []
    for claim in entity.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value", {})
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            ids.append(value["id"])
    return ids


class WikidataClient:
    """Looks people up on Wikidata; answers (even "not found") are cached per name."""

    def __init__(self, client: httpx.Client | None = None, *, api_url: str = API_URL) -> None:
        self._client = client or httpx.Client(
            timeout=10.0, headers={"User-Agent": "voicetally (gender engine)"}
        )
        self._api_url = api_url
        self._cache: dict[str, Evidence | None] = {}

    def evidence(self, name: str) -> Evidence | None:
        """Return P21 evidence for `name`, or None (no single human found, or any failure)."""
        key = " ".join(name.split()).casefold()
        if not key:
            return None
        if key not in self._cache:
            try:
                self._cache[key] = self._lookup(" ".join(name.split()))
            except (httpx.HTTPError, ValueError, KeyError, TypeError):
                return None  # not cached: a network failure is not an answer
        return self._cache[key]

    def _get(self, **params: str) -> dict[str, Any]:
        response = self._client.get(self._api_url, params={**params, "format": "json"})
        response.raise_for_status()
        data: dict[str, Any] = response.json()
        return data

    def _lookup(self, name: str) -> Evidence | None:
        found = self._get(
            action="wbsearchentities", search=name, language="en", type="item",
            limit=str(SEARCH_LIMIT),
        )  # fmt: skip
        ids = [hit["id"] for hit in found.get("search", []) if "id" in hit]
        if not ids:
            return None
        entities = self._get(action="wbgetentities", ids="|".join(ids), props="claims")
        genders: dict[str, str] = {}
        for qid, entity in entities.get("entities", {}).items():
            if HUMAN in _claim_ids(entity, "P31"):
                values = _claim_ids(entity, "P21")
                if values:
                    genders[qid] = values[0]
        if len(set(genders.values())) != 1:
            return None
        qid, value = next(iter(genders.items()))
        label = P21_LABELS.get(value, Label.UNKNOWN)
        if label is Label.UNKNOWN:
            return None
        return Evidence(
            kind="wikidata", value=qid, label=label, weight=99.0,
            detail=f"Wikidata {qid}: sex or gender (P21) = {value}",
        )  # fmt: skip
