"""Find who an article quotes or reports: direct quotes, reported speech, pronoun references.

Rule-based over a masked text: quotes and names become one-character markers so that the
attribution patterns stay short. Must not import app or dashboards.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from types import ModuleType

from scrapers.article import lang_en, names
from scrapers.article.masking import (
    FIRST_INDEX,
    PERSON,
    QUOTE,
    Masked,
    Resolver,
    mask_names,
    mask_quotes,
    split_sentences,
)
from scrapers.records import Citation

__all__ = ["extract_citations"]

COORDINATION_SPAN = 12  # "X, and " fits in it
COORDINATED_RE = re.compile(PERSON + r"(.)(?:\s*,\s*(?:and\s+)?|\s+and\s+)$")
SELF_PRONOUN_RE = re.compile(r"\s+(?:that\s+)?([A-Za-z]+)\b")
PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")
NEAR_PARAGRAPHS = 2  # an unattributed quote goes to a speaker at most this many paragraphs back
QUOTE_EXCERPT_CHARS = 300
AUX = (
    r"(?:(?:has|have|had|also|later|then|previously|once|repeatedly|recently"
    r"|has\s+also|had\s+also|(?:was|is|were)\s+quoted\s+as)\s+)?"
)
MAX_PRONOUN_LOOKBACK = 6  # "she said" refers to one of the last few people named
# Words with no quote, name or sentence end between them ("U.N." and "Polygraph.info" pass).
GAP = r"(?:[^\ue000\ue001\ue002.;!?]|\.(?!\s)){0,120}?"
GAP_WITH_ORGS = r"(?:[^\ue000\ue001.;!?]|\.(?!\s)){0,120}?"
SHORT_GAP = r"[^\ue000\ue001\ue002,.;!?]{0,60}?"
# ", a senior fellow at X," or ", an analyst at X, the Texas-based firm," or a bare comma.
APPOSITIVE = r"(?:\s+(?:of|from)\s+(?:\ue002.|[A-Z][\w.\-]*))?(?:(?:,[^,\ue000;]{1,120}?){1,2},|,)?"
# After an inverted speaker comes the end, an appositive or a relative clause, not "'s death".
SPEAKER_END = r"(?=\s*(?:[,.;:!?]|$|\(|\s(?:who|whose|in|on|at|of)\b))"
ADVERB = r"(?:[a-z]+ly\s+)?"


@dataclass
class _Person:
    name: str
    order: int
    honorific: str | None = None
    affiliation: str | None = None
    mentions: int = 0
    cited: bool = False
    quoted: bool = False
    quote: str | None = None
    cues: list[str] = field(default_factory=list)

    def add_cue(self, cue: str) -> None:
        if cue not in self.cues:
            self.cues.append(cue)


def _patterns(lang: ModuleType) -> dict[str, re.Pattern[str]]:
    """Build the attribution patterns, tried in this order on each masked sentence.

    q = a quote, p = a person, pron = he/she, verb = lang.SPEECH_VERBS, inverted =
    lang.INVERTED_VERBS (extend the lists in the language module, not here):
    q_verb_p '"...," said X'; q_p_verb '"...," X said'; q_pron_verb / q_verb_pron '"...," she
    said'; p_verb_q 'X said: "..."'; pron_verb_q 'She added: "..."'; comma_verb_p '..., said X.';
    according 'according to X'; p_verb 'X argued that...' (X, a fellow at Y, warned...);
    pron_verb 'she noted...'. A quote no pattern claims goes to the last speaker nearby.
    """
    verb = r"(?:" + "|".join(sorted(lang.SPEECH_VERBS, key=len, reverse=True)) + r")\b"
    inverted = r"(?:" + "|".join(sorted(lang.INVERTED_VERBS, key=len, reverse=True)) + r")\b"
    pron = r"\b(?P<pron>" + "|".join(sorted(lang.SUBJECT_PRONOUNS)) + r")\b"
    q, p = r"\ue000(?P<q>.)", r"\ue001(?P<p>.)"
    lead = r"[,.!?]?\s*(?:[—–-]+\s*)?"
    return {
        "q_verb_p": re.compile(
            q + lead + AUX + inverted + r"\s+" + GAP_WITH_ORGS + p + SPEAKER_END
        ),
        "q_p_verb": re.compile(q + lead + p + APPOSITIVE + r"\s*" + AUX + ADVERB + verb),
        "q_pron_verb": re.compile(q + lead + pron + r"\s+" + AUX + verb),
        "q_verb_pron": re.compile(q + lead + verb + r"\s+" + pron),
        "p_verb_q": re.compile(p + APPOSITIVE + r"\s*" + AUX + ADVERB + verb + GAP + q),
        "pron_verb_q": re.compile(pron + r"\s+" + AUX + verb + GAP + q),
        "comma_verb_p": re.compile(r",\s*" + inverted + r"\s+" + GAP + p + SPEAKER_END),
        "according": re.compile(r"\b" + lang.ACCORDING_TO + r"\s+" + SHORT_GAP + p, re.I),
        "p_verb": re.compile(p + APPOSITIVE + r"\s*" + AUX + ADVERB + verb),
        "pron_verb": re.compile(pron + r"\s+" + AUX + verb),
    }


_COMPILED: dict[str, dict[str, re.Pattern[str]]] = {}


def _compiled(lang: ModuleType) -> dict[str, re.Pattern[str]]:
    if lang.__name__ not in _COMPILED:
        _COMPILED[lang.__name__] = _patterns(lang)
    return _COMPILED[lang.__name__]


def _index(char: str) -> int:
    return ord(char) - FIRST_INDEX


class _Tracker:
    """Walks the sentences in order, keeping the people seen and the last speaker."""

    def __init__(self, lang: ModuleType) -> None:
        self.lang = lang
        self.people: dict[str, _Person] = {}
        self.seen: list[str] = []  # person names in order of mention
        self.sentences: list[list[str]] = []  # people named in each earlier sentence
        self.last_speaker: tuple[str, int] | None = None

    def person(self, name: str) -> _Person:
        if name not in self.people:
            self.people[name] = _Person(name=name, order=len(self.people))
        return self.people[name]

    def compatible(self, name: str, pronoun: str) -> bool:
        """Tell whether no cue already seen for `name` contradicts `pronoun`."""
        feminine = pronoun.lower() in self.lang.FEMININE_PRONOUNS
        opposite = self.lang.MASCULINE_PRONOUNS if feminine else self.lang.FEMININE_PRONOUNS
        return not opposite & {c.lower() for c in self.people[name].cues}

    def pronoun_target(self, pronoun: str, *, before: list[str]) -> tuple[str | None, bool]:
        """Resolve a subject pronoun: this sentence's subject, the last one's, then recency.

        `before` holds the people named as subjects earlier in the same sentence. Also say
        whether the choice is safe enough to keep the pronoun as gender evidence: no other
        candidate nearby could be meant, or the person already has the same cue.
        """
        earlier = next((names for names in reversed(self.sentences) if names), [])
        recent = list(reversed(self.seen[-MAX_PRONOUN_LOOKBACK:]))
        ordered = [*before[:1], *earlier[:1], *recent]
        compatible = [name for name in ordered if self.compatible(name, pronoun)]
        if not compatible:
            return None, False
        chosen = compatible[0]
        window = [*before, *earlier, *recent[:1]]
        nearby = {n for n in window if self.compatible(n, pronoun)}
        same = {c.lower() for c in self.people[chosen].cues} & self._pronoun_set(pronoun)
        return chosen, nearby <= {chosen} or bool(same)

    def _pronoun_set(self, pronoun: str) -> frozenset[str]:
        if pronoun.lower() in self.lang.FEMININE_PRONOUNS:
            return frozenset(self.lang.FEMININE_PRONOUNS)
        return frozenset(self.lang.MASCULINE_PRONOUNS)

    def cite(self, name: str, paragraph: int, quotes: list[str]) -> None:
        person = self.person(name)
        person.cited = True
        self.last_speaker = (name, paragraph)
        for text in quotes:
            person.quoted = True
            if person.quote is None:
                person.quote = text[:QUOTE_EXCERPT_CHARS]


def _register_mentions(tracker: _Tracker, masked: Masked, sentence: str) -> list[str]:
    """Count each person named in the sentence; return those named as subjects, in order."""
    named: list[str] = []
    for char in re.findall(PERSON + "(.)", sentence):
        mention = masked.people[_index(char)]
        person = tracker.person(mention.name)
        person.mentions += 1
        tracker.seen.append(mention.name)
        if mention.subject:
            named.append(mention.name)
        if mention.honorific and person.honorific is None:
            person.honorific = mention.honorific
        for word in (mention.honorific or "").split():
            if word.rstrip(".").lower() in tracker.lang.GENDER_HONORIFICS:
                person.add_cue(word)
        if mention.role and person.affiliation is None:
            person.affiliation = mention.role
        for word in mention.cue_words:
            person.add_cue(word)
    return named


def _attribute(tracker: _Tracker, masked: Masked, sentence: str, paragraph: int) -> bool:
    """Apply the attribution patterns to one sentence; return whether any matched."""
    found = False
    marks = [
        (m.start(), masked.people[_index(m.group(1))])
        for m in re.finditer(PERSON + "(.)", sentence)
    ]
    positions = [at for at, mention in marks if mention.subject]
    subjects = [mention.name for _, mention in marks if mention.subject]
    for pattern in _compiled(tracker.lang).values():
        for match in pattern.finditer(sentence):
            groups = match.groupdict()
            if groups.get("pron"):
                count = bisect.bisect_left(positions, match.start())
                before = [subjects[0], subjects[count - 1]] if count else []
                name, sure = tracker.pronoun_target(groups["pron"], before=before)
            else:
                name, sure = masked.people[_index(groups["p"])].name, False
            if name is None:
                continue
            if groups.get("pron") and sure:
                tracker.person(name).add_cue(groups["pron"])
            elif groups.get("p"):
                # "X said she would..." : the pronoun right after the verb is X
                follow = SELF_PRONOUN_RE.match(sentence, match.end())
                if follow and follow.group(1).lower() in tracker.lang.SUBJECT_PRONOUNS:
                    tracker.person(name).add_cue(follow.group(1))
            quotes = [masked.quotes[_index(groups["q"])]] if groups.get("q") else []
            tracker.cite(name, paragraph, quotes)
            if groups.get("p") and not groups.get("q"):
                for other in _coordinated(sentence, match.start("p") - 1, masked):
                    tracker.cite(other, paragraph, [])
            found = True
    return found


def _coordinated(sentence: str, end: int, masked: Masked) -> list[str]:
    """Return the people joined to a speaker by "and" or commas ("X and Y found that")."""
    found: list[str] = []
    while match := COORDINATED_RE.search(sentence[max(0, end - COORDINATION_SPAN) : end]):
        found.append(masked.people[_index(match.group(1))].name)
        end = max(0, end - COORDINATION_SPAN) + match.start()
    return found


def _orphan_quotes(
    tracker: _Tracker, masked: Masked, sentence: str, *, paragraph: int, introduced: str | None
) -> None:
    """Give a quote with no speaker in its sentence to the person just introduced, or else
    to the last speaker nearby ("X summed it up. “...”")."""
    if not sentence.lstrip().startswith(QUOTE):
        return
    if introduced is not None:
        name = introduced
    elif (
        tracker.last_speaker is not None and paragraph - tracker.last_speaker[1] <= NEAR_PARAGRAPHS
    ):
        name = tracker.last_speaker[0]
    else:
        return
    quotes = [masked.quotes[_index(c)] for c in re.findall(r"\ue000(.)", sentence)]
    tracker.cite(name, paragraph, quotes)


def extract_citations(
    text: str, *, exclude: tuple[str, ...] = (), lang: ModuleType = lang_en
) -> tuple[Citation, ...]:
    """Return the people an article's text quotes or reports, in order of first mention."""
    tracker = _Tracker(lang)
    text = PRIVATE_USE_RE.sub(" ", text)  # those code points are our markers
    paragraphs = [mask_quotes(p, lang) for p in text.split("\n") if p.strip()]
    resolver = Resolver([s for _, spans in paragraphs for s in spans], lang=lang)
    for number, (quoted, spans) in enumerate(paragraphs):
        masked = mask_names(quoted, spans, resolver=resolver, lang=lang)
        introduced: str | None = None  # the subject of an unattributed sentence just before
        for sentence in split_sentences(masked.text, lang):
            named = _register_mentions(tracker, masked, sentence)
            if _attribute(tracker, masked, sentence, number):
                introduced = None
            else:
                _orphan_quotes(tracker, masked, sentence, paragraph=number, introduced=introduced)
                introduced = named[0] if named and QUOTE not in sentence else None
            tracker.sentences.append(named)
    return tuple(
        _citation(p)
        for p in sorted(tracker.people.values(), key=lambda p: p.order)
        if p.cited and not any(names.same_person(p.name, a) for a in exclude)
    )


def _citation(person: _Person) -> Citation:
    return Citation(
        name=person.name,
        quoted=person.quoted,
        mentions=max(person.mentions, 1),
        affiliation=person.affiliation,
        quote=person.quote,
        honorific=person.honorific,
        cues=tuple(person.cues),
    )
