"""Wikidata P21 evidence through httpx.MockTransport: mapping, ambiguity, cache, failures."""

from __future__ import annotations

import httpx
import pytest

from app.gender.engine import Engine
from app.gender.labels import Label, Source
from app.gender.wikidata import WikidataClient


def _entity(qid: str, gender: str | None, *, human: bool = True) -> dict[str, object]:
    claims: dict[str, object] = {
        "P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q5" if human else "Q43229"}}}}]
    }
    if gender:
        claims["P21"] = [{"mainsnak": {"datavalue": {"value": {"id": gender}}}}]
    return {"claims": claims}


def _client(entities: dict[str, dict[str, object]], calls: list[str]) -> WikidataClient:
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.params["action"])
        if request.url.params["action"] == "wbsearchentities":
            return httpx.Response(200, json={"search": [{"id": q} for q in entities]})
        return httpx.Response(200, json={"entities": entities})

    return WikidataClient(httpx.Client(transport=httpx.MockTransport(handler)))


@pytest.mark.parametrize(
    ("value", "label"),
    [("Q6581072", Label.WOMAN), ("Q6581097", Label.MAN), ("Q48270", Label.NONBINARY),
     ("Q1052281", Label.WOMAN), ("Q2449503", Label.MAN)],
)  # fmt: skip
def test_p21_values(value: str, label: Label) -> None:
    piece = _client({"Q1": _entity("Q1", value)}, []).evidence("Some Person")
    assert piece is not None and piece.label is label and piece.kind == "wikidata"


def test_answers_are_cached() -> None:
    calls: list[str] = []
    client = _client({"Q1": _entity("Q1", "Q6581072")}, calls)
    client.evidence("Ada Lovelace")
    client.evidence("ada  lovelace")
    assert calls == ["wbsearchentities", "wbgetentities"]


def test_disagreeing_humans_give_nothing_and_non_humans_are_ignored() -> None:
    entities = {"Q1": _entity("Q1", "Q6581072"), "Q2": _entity("Q2", "Q6581097")}
    assert _client(entities, []).evidence("Common Name") is None
    only_org = {"Q3": _entity("Q3", "Q6581097", human=False)}
    assert _client(only_org, []).evidence("Org") is None


def test_network_failure_is_no_evidence() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503)

    client = WikidataClient(httpx.Client(transport=httpx.MockTransport(handler)))
    assert client.evidence("Anyone") is None


def test_engine_uses_the_record_and_may_say_nonbinary() -> None:
    engine = Engine(wikidata=_client({"Q9": _entity("Q9", "Q48270")}, []))
    found = engine.infer("Maria Schmidt")
    assert found.label is Label.NONBINARY
    assert found.source is Source.WIKIDATA


def test_engine_off_by_default_never_says_nonbinary() -> None:
    assert Engine().infer("Maria Schmidt").source is Source.NAME
