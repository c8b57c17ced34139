"""Plain words for the pages: evidence said the way it points."""

from __future__ import annotations

import pytest

from app.gender.engine import default_engine
from dashboards.words import plain_evidence


@pytest.mark.parametrize(
    ("detail", "words"),
    [
        (
            "'olaf' is male in 100% of 9,821 nomquamgender records; gender-guesser: male",
            "first name 'olaf': 100% men among 9,821 people with it in public name lists",
        ),
        (
            "'fiona' is female in 99% of 103,842 nomquamgender records",
            "first name 'fiona': 99% women among 103,842 people with it in public name lists",
        ),
        (  # stored before the details said the side: read the same way
            "'olaf' is female in 0% of 9,821 nomquamgender records; gender-guesser: male",
            "first name 'olaf': 100% men among 9,821 people with it in public name lists",
        ),
        (
            "'kim' is female in 3% of 1 nomquamgender records; the reading for KR differs",
            "first name 'kim': 97% men among 1 person with it in public name lists; "
            "the reading for KR differs",
        ),
    ],
)
def test_name_records_are_said_for_the_side_they_point_to(detail: str, words: str) -> None:
    assert plain_evidence({"detail": detail}) == words


def test_the_engine_s_evidence_reads_in_plain_words() -> None:
    [piece] = default_engine().infer("Olaf Berg").evidence
    assert plain_evidence(piece._asdict()).startswith("first name 'olaf': 100% men among 9,821")
