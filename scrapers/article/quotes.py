"""Find who an article quotes or reports: direct quotes, reported speech, pronoun references.

Rule-based over a masked text: quotes and names become one-character markers so that the
attribution patterns stay short. Must not import app or dashboards.
"""

from __future__ import annotations

import bisect
import re
from types import ModuleType
from typing import Final

from scrapers.article import choice, cues, lang_en, names, organisations, patterns
from scrapers.article.endings import Ending
from scrapers.article.masking import (
    FIRST_INDEX,
    PERSON,
    QUOTE,
    Masked,
    Mention,
    mask_names,
    mask_quotes,
    split_sentences,
)
from scrapers.article.resolver import Resolver
from scrapers.article.sources import Source, person_reason, personlike, to_citation
from scrapers.records import Citation, PersonKind

__all__ = ["extract_citations", "extract_sources"]

PERSON_RE: Final = re.compile(PERSON + "(.)")  # a person marker and its index character
MARK_LENGTH: Final = 2  # a marker and its index character (PERSON_RE's match)
NEWLINE: Final = ord("\n")  # the one character "." does not match
QUOTE_MARK_RE: Final = re.compile(QUOTE + "(.)")
COORDINATION_SPAN: Final = 12  # "X, and " fits in it
COORDINATED_RE: Final = re.compile(PERSON + r"(.)(?:\s*,\s*(?:and\s+)?|\s+and\s+)$")
# The word after a speech verb: "X said she would..." / "X said her members..." are about X.
SELF_PRONOUN_RE: Final = re.compile(r"\s+(?:that\s+)?([A-Za-z]+)\b")
VERB_WINDOW: Final = 40  # characters read back for the verb: long sentences stay linear
VERB_BEFORE: Final = Ending(r"([a-z]+)\s*$", r"\s*([a-z]+)")
PRIVATE_USE_RE: Final = re.compile("[\ue000-\uf8ff]")
BIDI_CONTROL_RE: Final = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Either of the two above: one scan of the text tells whether there is anything to replace.
STRAY_RE: Final = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ue000-\uf8ff]")
NEAR_PARAGRAPHS: Final = (
    2  # an unattributed quote goes to a speaker at most this many paragraphs back
)
QUOTE_EXCERPT_CHARS: Final = 300
LEAD_PRONOUN_RE: Final = re.compile(r"\s*(He|She)\b")  # a sentence whose subject is a pronoun
TO_VERB_RE: Final = re.compile(r"\s+to\s+[a-z]")
SPEAKER_PARAGRAPHS: Final = (
    1  # "..., he said" goes on with the speaker of this or the last paragraph
)
MAX_PRONOUN_LOOKBACK: Final = 6  # "she said" refers to one of the last few people named
# A Q&A turn: a paragraph opening with a person's name and a colon ("Tupou: That we had...").
TURN_RE: Final = re.compile(PERSON + r"(.)\s*[:：]\s*(?=\S)")
TURN_TEXT_RE: Final = re.compile(r"^[^:：]{1,80}[:：]\s*")
# Interview turns without names: "Q: ..." then the answer, plain or opened by "A:".
QUESTION_RE: Final = re.compile(r"^\s*(?:Q|Question)\s*[:.：]\s*\S")
ANSWER_RE: Final = re.compile(r"^\s*(?:A|Answer)\s*[:.：]\s*")


def _index(char: str) -> int:
    return ord(char) - FIRST_INDEX


class _Tracker:
    """Walks the sentences in order, keeping the people seen and the last speaker."""

    def __init__(self, lang: ModuleType, *, exclude: tuple[str, ...] = ()) -> None:
        self.lang = lang
        self.exclude = exclude  # the authors: never the interviewee
        self.answering = False  # inside a Q&A after a "Q:" paragraph
        self.people: dict[str, Source] = {}
        self.orgs: dict[str, tuple[Source, str]] = {}  # organisations cited, with the reason
        self.seen: list[str] = []  # person names in order of mention
        self.sentences: list[list[str]] = []  # people named in each earlier sentence
        self.last_speaker: tuple[str, int] | None = None
        self.credited: set[int] = set()  # pronoun positions of this sentence already counted
        self.focus: tuple[str, int] | None = None  # who unnamed sentences speak of, for how long
        # The cues a feminine pronoun, else a masculine one, contradicts: built once, not per
        # check (compatible runs for every candidate of every pronoun; issue 12: cost).
        self.not_feminine: frozenset[str] = lang.MASCULINE_PRONOUNS | lang.MASCULINE_WORDS
        self.not_masculine: frozenset[str] = lang.FEMININE_PRONOUNS | lang.FEMININE_WORDS
        self.pronouns: frozenset[str] = lang.FEMININE_PRONOUNS | lang.MASCULINE_PRONOUNS
        self.feminine_pronouns: frozenset[str] = frozenset(lang.FEMININE_PRONOUNS)
        self.masculine_pronouns: frozenset[str] = frozenset(lang.MASCULINE_PRONOUNS)
        self.personlike_by_name: dict[str, bool] = {}  # sources.personlike by name
        # The last non-empty entry of `sentences` and how many entries were read for it: each
        # pronoun reads only the sentences added since, not all back (issue 12: cost).
        self.earlier: list[str] = []
        self.earlier_read = 0

    def person(self, name: str) -> Source:
        person = self.people.get(name)  # one look-up, not two (issue 12: cost)
        if person is None:
            person = self.people[name] = Source(name=name, order=len(self.people))
        return person

    def compatible(self, name: str, pronoun: str) -> bool:
        """Tell whether no cue already seen for `name` contradicts `pronoun`."""
        return self._fits(name, self._opposite(pronoun))

    def _opposite(self, pronoun: str) -> frozenset[str]:
        """The cues that contradict `pronoun`."""
        feminine = pronoun.lower() in self.lang.FEMININE_PRONOUNS
        return self.not_feminine if feminine else self.not_masculine

    def _fits(self, name: str, opposite: frozenset[str]) -> bool:
        return not any(c.lower().rstrip(".") in opposite for c in self.people[name].cues)

    def _personlike(self, name: str) -> bool:
        """sources.personlike, once per name (issue 12: cost)."""
        known = self.personlike_by_name.get(name)
        if known is None:
            known = self.personlike_by_name[name] = personlike(name)
        return known

    def pronoun_target(
        self, pronoun: str, *, before: list[str], paragraph: int = 0
    ) -> tuple[str | None, bool]:
        """Resolve a subject pronoun: this sentence's subject, the last one's, then recency.

        `before` holds the people named as subjects earlier in the same sentence. Also say
        whether the choice is safe enough to keep the pronoun as gender evidence: no other
        candidate nearby could be meant, or the person already has the same cue.
        """
        earlier = self._earlier()
        recent = self.seen[: -MAX_PRONOUN_LOOKBACK - 1 : -1]  # the last few, latest first
        speaker = self.last_speaker
        current = [speaker[0]] if speaker and paragraph - speaker[1] <= SPEAKER_PARAGRAPHS else []
        ordered = [*before[:1], *current, *earlier[:1], *recent]
        # Each candidate is checked once, though it comes back in several lists (issue 12: cost).
        opposite = self._opposite(pronoun)
        fits: dict[str, bool] = {}
        for name in [*ordered, *before, *earlier]:
            if name not in fits:
                fits[name] = self._fits(name, opposite)
        compatible = [name for name in ordered if fits[name]]
        likely = [name for name in compatible if self._personlike(name)]
        compatible = likely or compatible
        if not compatible:
            return None, False
        chosen = compatible[0]
        window = [*before, *earlier, *recent[:1]]
        if all(n == chosen or not fits[n] for n in window):
            return chosen, True  # no other candidate nearby
        same = self._pronoun_set(pronoun)
        return chosen, any(c.lower() in same for c in self.people[chosen].cues)

    def _earlier(self) -> list[str]:
        """The people of the last earlier sentence that named any; entries are only appended."""
        sentences = self.sentences
        for index in range(len(sentences) - 1, self.earlier_read - 1, -1):
            if sentences[index]:
                self.earlier = sentences[index]
                break
        self.earlier_read = len(sentences)
        return self.earlier

    def _pronoun_set(self, pronoun: str) -> frozenset[str]:
        if pronoun.lower() in self.lang.FEMININE_PRONOUNS:
            return self.feminine_pronouns
        return self.masculine_pronouns

    def role_target(self, role: str) -> str | None:
        """Resolve "the senator": the one person named so far whose roles hold that noun."""
        noun = role.split()[-1].lower()
        holders = [p.name for p in self.people.values() if noun in p.roles]
        return holders[0] if len(holders) == 1 else None

    def add_pronoun(self, name: str, pronoun: str, *, at: int) -> None:
        """Count a pronoun at position `at` of this sentence for `name`, once."""
        if at in self.credited or not self.compatible(name, pronoun):
            return
        self.credited.add(at)
        self.person(name).add_cue(pronoun, pronouns=self.pronouns)

    def focus_cues(self, sentence: str, marks: list[tuple[int, Mention]]) -> None:
        """Count the pronouns of a sentence about one person (cues.py) for that person;
        `marks` holds the sentence's person markers (_person_marks)."""
        # Only the first marker's end is read: not one (end, name) pair per marker (issue 12).
        named = [mention.name for _, mention in marks]
        if named and self.focus is not None and self.focus[0] != named[0]:
            self._lead_cues(sentence[: marks[0][0]], self.focus[0])
        if any(name != named[0] for name in named):
            self.focus = None
            return
        if named:
            self.focus = (named[0], 0)
        elif (
            self.focus is not None
            and self.focus[1] < cues.FOCUS_SENTENCES
            and not cues.names_someone_else(sentence, self.lang)
        ):
            self.focus = (self.focus[0], self.focus[1] + 1)
        else:
            self.focus = None
            return
        after = marks[0][0] + MARK_LENGTH if named else 0
        for at, word in cues.focus_pronouns(sentence, after=after, lang=self.lang):
            self.add_pronoun(self.focus[0], word, at=at)

    def subjects(
        self, sentence: str, named: list[str], marks: list[tuple[int, Mention]]
    ) -> list[str]:
        """Update the focus; return the sentence's subjects for later pronouns: "He had
        protested Trump" is about the person before, not about Trump."""
        before = self.focus[0] if self.focus is not None else None
        self.focus_cues(sentence, marks)
        if before is None:
            return named  # no pronoun to read (issue 12: cost)
        first = sentence[:1]  # LEAD_PRONOUN_RE matches only from an H, an S or a space
        if first != "H" and first != "S" and not first.isspace():
            return named  # not searched (issue 12: ~1,300 instructions a sentence)
        lead = LEAD_PRONOUN_RE.match(sentence)
        if lead and self.compatible(before, lead.group(1)):
            return [before, *(name for name in named if name != before)]
        return named

    def _lead_cues(self, lead: str, name: str) -> None:
        """Pronouns before the first name of a sentence ("She spoke with X...", "Her student,
        X, ...") still speak of the person the previous sentences were about.

        Each pronoun holds an "h" (cues.pronouns_in): a lead with none, as an empty one before a
        sentence's opening name, has none to count, and is not read further (issue 12: cost)."""
        if ("h" not in lead and "H" not in lead) or cues.names_someone_else(lead, self.lang):
            return
        # "Since announcing that he would not run, Biden has...": a subject pronoun in a clause
        # before the main subject most often points forward to that subject, not back.
        clause = lead.rstrip().endswith(",")
        for at, word in cues.focus_pronouns(lead, after=0, lang=self.lang):
            if not (clause and word.lower() in {"he", "she"}):
                self.add_pronoun(name, word, at=at)

    def interviewee(self) -> str | None:
        """The first person named who is not an author, or None."""
        for person in sorted(self.people.values(), key=lambda p: p.order):
            if not any(names.same_person(person.name, a) for a in self.exclude):
                return person.name
        return None

    def cite_orgs(
        self, masked: Masked, sentence: str, *, speaking: bool, speech: bool, keys: int
    ) -> bool:
        """Credit the organisations a sentence quotes; say whether there were any (`keys`:
        choice.sentence_keys)."""
        found = organisations.org_sources(masked, sentence, self.lang, speech=speech, keys=keys)
        for source in found:
            if source.name not in self.orgs:
                org = Source(name=source.name, order=len(self.orgs))
                self.orgs[source.name] = (org, source.reason)
            org = self.orgs[source.name][0]
            org.cited, org.mentions = True, org.mentions + 1
            if source.quote is not None:
                org.quoted = True
                org.quote = org.quote or source.quote[:QUOTE_EXCERPT_CHARS]
        if found and speaking:
            self.last_speaker = None  # quotes that follow are the organisation's
        return bool(found)

    def cite(self, name: str, paragraph: int, quotes: list[str]) -> None:
        person = self.person(name)
        person.cited = True
        self.last_speaker = (name, paragraph)
        for text in quotes:
            person.quoted = True
            if person.quote is None:
                person.quote = text[:QUOTE_EXCERPT_CHARS]


def _person_marks(masked: Masked, sentence: str) -> list[tuple[int, Mention]]:
    """(position, mention) of each person marker of a sentence, in order: what
    `[(m.start(), masked.people[_index(m.group(1))]) for m in PERSON_RE.finditer(sentence)]` gave.

    Read once per sentence by str.find and the index character read as a number, not by one
    regex search per marker and a group(1) and start() call per marker in each of the three
    steps that read them (issue 12: ~4 M instructions of 178 M on the PolNeAR pages). As
    PERSON_RE's "(.)", a marker needs a character after it that is not a line break; a marker
    so followed reads the next from the character after, one that matched from after both.
    """
    marks: list[tuple[int, Mention]] = []
    at = sentence.find(PERSON)
    end = len(sentence) - 1  # the last place a marker can stand with a character after it
    while 0 <= at < end:
        code = ord(sentence[at + 1])
        if code == NEWLINE:
            at = sentence.find(PERSON, at + 1)
            continue
        marks.append((at, masked.people[code - FIRST_INDEX]))
        at = sentence.find(PERSON, at + MARK_LENGTH)
    return marks


def _register_mentions(tracker: _Tracker, marks: list[tuple[int, Mention]]) -> list[str]:
    """Count each person named in the sentence (`marks`: its person markers); return those
    named as subjects, in order."""
    named: list[str] = []
    for _, mention in marks:
        person = tracker.person(mention.name)
        person.mentions += 1
        tracker.seen.append(mention.name)
        if mention.subject:
            named.append(mention.name)
        # Most mentions have no honorific and no roles: nothing split, no set updated with
        # nothing (issue 12: cost).
        if mention.honorific:
            if person.honorific is None:
                person.honorific = mention.honorific
            for word in mention.honorific.split():
                bare = word.rstrip(".").lower()
                if bare in tracker.lang.GENDER_HONORIFICS or bare in tracker.lang.GENDERED_ROLES:
                    person.add_cue(word)
        if mention.role and person.affiliation is None:
            person.affiliation = mention.role
        for word in mention.cue_words:
            person.add_cue(word)
        if mention.roles:
            person.roles.update(mention.roles)
    return named


def _attribute(
    tracker: _Tracker,
    masked: Masked,
    sentence: str,
    paragraph: int,
    *,
    speech: bool,
    keys: int,
    marks: list[tuple[int, Mention]],
) -> bool:
    """Apply the attribution patterns to one sentence (`marks`: its person markers,
    _person_marks; `keys`: choice.sentence_keys); return whether any matched."""
    found = False
    positions = [at for at, mention in marks if mention.subject]
    subjects = [mention.name for _, mention in marks if mention.subject]
    gates = choice.gates(tracker.lang)
    # The first match of each pattern some others hold (choice.HOLDING), searched once.
    firsts: dict[str, re.Match[str] | None] = {}
    pronoun_gate: bool | None = None  # choice.may_hold_pronoun, when first needed
    role_gate: bool | None = None  # choice.may_hold_role, when first needed
    for pattern_name, pattern in choice.applicable(
        tracker.lang, sentence, speech=speech, keys=keys
    ):
        gated = gates.get(pattern_name)
        if gated is not None and any(gate.search(sentence) is None for gate in gated):
            continue
        if pattern_name in choice.ROLE_TOKEN_PATTERNS:
            if role_gate is None:
                role_gate = choice.may_hold_role(tracker.lang, sentence)
            if not role_gate:
                continue
        elif pattern_name in choice.PRONOUN_TOKEN_PATTERNS:
            if pronoun_gate is None:
                pronoun_gate = choice.may_hold_pronoun(tracker.lang, sentence)
            if not pronoun_gate:
                continue
        held = choice.HOLDING.get(pattern_name)
        if held is not None:
            if held not in firsts:
                firsts[held] = patterns.compiled(tracker.lang)[held].search(sentence)
            if firsts[held] is None:
                continue
        first = firsts.get(pattern_name)
        if first is None and pattern_name in firsts:
            continue
        for match in patterns.every_match(pattern, sentence, first):
            groups = match.groupdict()
            if groups.get("pron"):
                count = bisect.bisect_left(positions, match.start())
                before = [subjects[0], subjects[count - 1]] if count else []
                name, sure = tracker.pronoun_target(
                    groups["pron"], before=before, paragraph=paragraph
                )
                if name is not None and sure:
                    tracker.add_pronoun(name, groups["pron"], at=match.start("pron"))
            elif groups.get("role"):
                name = tracker.role_target(groups["role"])
                noun = groups["role"].split()[-1]
                if name is not None and noun.lower() in tracker.lang.GENDERED_ROLES:
                    tracker.person(name).add_cue(noun)
            else:
                name = _speaker(tracker, masked, sentence, match, pattern_name)
            if name is None or _commitment(tracker.lang, sentence, match):
                continue
            quotes = [masked.quotes[_index(groups["q"])]] if groups.get("q") else []
            if quotes and tracker.lang.TITLE_BEFORE.ends(sentence[: match.start("q") - 1]):
                quotes = []  # 'their book "Overload"': a title, not their words
            tracker.cite(name, paragraph, quotes)
            for other in PERSON_RE.findall(groups.get("more") or ""):
                tracker.cite(masked.people[_index(other)].name, paragraph, quotes)  # "X and Y"
            if groups.get("p") and not groups.get("q"):
                for other in _coordinated(sentence, match.start("p") - 1, masked):
                    tracker.cite(other.name, paragraph, [])
            found = True
    return found


def _commitment(lang: ModuleType, sentence: str, match: re.Match[str]) -> bool:
    """ "He agreed to sell it", "She continued to work": a verb of speech then "to" and a verb
    reports an action, not words."""
    if TO_VERB_RE.match(sentence, match.end()) is None:  # rarer than such a verb: tried first
        return False
    words = match.group().split()
    return bool(words) and words[-1] in lang.ACTION_BEFORE_TO


def _speaker(
    tracker: _Tracker, masked: Masked, sentence: str, match: re.Match[str], pattern: str
) -> str | None:
    """The person a pattern names, or None when it must be a subject and is not ("songs by X
    and Y, added..."); "X said she..." is kept as a pronoun about X."""
    mention = masked.people[_index(match.group("p"))]
    chain = _coordinated(sentence, match.start("p") - 1, masked)
    head = chain[-1] if chain else mention
    if pattern in patterns.SUBJECT_PATTERNS and not head.subject:
        return None
    _self_reference(tracker, mention.name, sentence, match.end())
    return mention.name


def _self_reference(tracker: _Tracker, name: str, sentence: str, end: int) -> None:
    """Take "X said she would..." / "X said her members..." as a pronoun about X."""
    follow = SELF_PRONOUN_RE.match(sentence, end)
    if not follow:
        return
    word = follow.group(1)
    if word.lower() in tracker.lang.SUBJECT_PRONOUNS:
        tracker.add_pronoun(name, word, at=follow.start(1))
    elif word.lower() in {"her", "his"}:
        # The verb ends at `end`; a longer word than the window is no clause verb either.
        verb = VERB_BEFORE.find(sentence[max(0, end - VERB_WINDOW) : end])
        if verb and verb in tracker.lang.CLAUSE_VERBS:
            tracker.add_pronoun(name, word, at=follow.start(1))


def _turn(tracker: _Tracker, masked: Masked, paragraph: int, raw: str) -> bool:
    """Cite the speaker of a Q&A turn ("Tupou: That we had been planning..."); say if it was one.

    After a "Q:" paragraph, the paragraphs up to the next question are the answers of the
    interviewee: the first person the page named who is not an author.
    """
    if QUESTION_RE.match(raw):
        tracker.answering = True
        return True
    match = TURN_RE.match(masked.text.lstrip())
    if match and QUOTE not in masked.text[: match.end() + 2]:
        answer = TURN_TEXT_RE.sub("", raw.strip(), count=1)
        tracker.cite(masked.people[_index(match.group(1))].name, paragraph, [answer])
        return True
    interviewee = tracker.interviewee() if tracker.answering else None
    if interviewee is None:
        return False
    tracker.cite(interviewee, paragraph, [ANSWER_RE.sub("", raw.strip(), count=1)])
    return True


def _coordinated(sentence: str, end: int, masked: Masked) -> list[Mention]:
    """Return the people joined to a speaker by "and" or commas ("X and Y found that")."""
    found: list[Mention] = []
    while match := COORDINATED_RE.search(sentence[max(0, end - COORDINATION_SPAN) : end]):
        found.append(masked.people[_index(match.group(1))])
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
    quotes = [masked.quotes[_index(c)] for c in QUOTE_MARK_RE.findall(sentence)]
    tracker.cite(name, paragraph, quotes)


def _cleaned(line: str) -> str:
    """A line without the private-use code points (our markers) and direction marks ("\\u202eJane
    Doe"). Both are unprintable: a printable line, as most are, holds neither, and isprintable's
    loop costs a third of STRAY_RE's search (issue 12: cost). Neither replacement touches a
    line break: the lines are those of the text cleaned whole."""
    if line.isprintable() or STRAY_RE.search(line) is None:  # one scan, not two
        return line
    return BIDI_CONTROL_RE.sub("", PRIVATE_USE_RE.sub(" ", line))


def extract_citations(
    text: str, *, exclude: tuple[str, ...] = (), lang: ModuleType = lang_en
) -> tuple[Citation, ...]:
    """Return the people an article's text quotes or reports, in order of first mention."""
    return extract_sources(text, exclude=exclude, lang=lang)[0]


def extract_sources(
    text: str, *, exclude: tuple[str, ...] = (), lang: ModuleType = lang_en
) -> tuple[tuple[Citation, ...], tuple[Citation, ...]]:
    """Return the people, then the organisations, an article quotes or reports."""
    tracker = _Tracker(lang, exclude=exclude)
    lines = text.split("\n")
    if not text.isascii():  # what _cleaned replaces is not ASCII (isascii reads a flag)
        lines = [_cleaned(line) for line in lines]
    raws = [p for p in lines if p.strip()]
    paragraphs = [mask_quotes(p, lang) for p in raws]
    resolver = Resolver([s for _, spans in paragraphs for s in spans], lang=lang)
    for number, (quoted, spans) in enumerate(paragraphs):
        masked = mask_names(quoted, spans, resolver=resolver, lang=lang)
        introduced: str | None = None  # the subject of an unattributed sentence just before
        if _turn(tracker, masked, number, raws[number]):
            introduced = None
        for sentence in split_sentences(masked.text, lang, masked.quotes):
            tracker.credited = set()
            marks = _person_marks(masked, sentence)  # read once for the steps below (issue 12)
            named = _register_mentions(tracker, marks)
            speech = patterns.has_speech_verb(lang, sentence)
            keys = choice.sentence_keys(lang, sentence)  # for both steps below (issue 12)
            person = _attribute(
                tracker, masked, sentence, number, speech=speech, keys=keys, marks=marks
            )
            if (
                tracker.cite_orgs(masked, sentence, speaking=not person, speech=speech, keys=keys)
                or person
            ):
                introduced = None
            else:
                _orphan_quotes(tracker, masked, sentence, paragraph=number, introduced=introduced)
                introduced = named[0] if named and QUOTE not in sentence else None
            tracker.sentences.append(tracker.subjects(sentence, named, marks))
    people = tuple(
        to_citation(p, person_reason(p))
        for p in sorted(tracker.people.values(), key=lambda p: p.order)
        if p.cited and not any(names.same_person(p.name, a) for a in exclude)
    )
    orgs = tuple(
        to_citation(org, reason, kind=PersonKind.ORGANISATION)
        for org, reason in tracker.orgs.values()
    )
    return people, orgs
