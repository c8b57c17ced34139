"""The invented people of the sample data: experts, group accounts and the outlet's journalists.

All names are fictional combinations; the gender code is the generator's own ground truth, used
only to shape the trends (it is never written into the data). Must not import dashboards.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from app.samples import phrases

__all__ = ["JOURNALISTS", "ORGANISATIONS", "Expert", "build_roster"]

WOMAN, MAN, NONBINARY = "w", "m", "x"

# (name, gender, region, honorific). Regions: eu, af, as, me, am.
PEOPLE: tuple[tuple[str, str, str, str | None], ...] = (
    ("Amara Okafor", WOMAN, "af", "Dr."),
    ("Ingrid Solberg", WOMAN, "eu", "Ambassador"),
    ("Liis Tamm", WOMAN, "eu", None),
    ("Marta Kowalczyk", WOMAN, "eu", None),
    ("Priya Raghunathan", WOMAN, "as", "Prof."),
    ("Fatima Al-Rashid", WOMAN, "me", None),
    ("Sofia Márquez Ibarra", WOMAN, "am", None),
    ("Hanna Virtanen", WOMAN, "eu", "Dr."),
    ("Chiara Benedetti", WOMAN, "eu", None),
    ("Nadia Haddad", WOMAN, "me", None),
    ("Grace Mwangi", WOMAN, "af", None),
    ("Elena Popescu", WOMAN, "eu", "Rear Admiral"),
    ("Aigerim Sadykova", WOMAN, "as", None),
    ("Leila Farahani", WOMAN, "me", "Dr."),
    ("Ana Beatriz Costa", WOMAN, "am", None),
    ("Rasa Vaitkutė", WOMAN, "eu", None),
    ("Dagny Eriksen", WOMAN, "eu", None),
    ("Mei-Lin Chou", WOMAN, "as", None),
    ("Olena Hrytsenko", WOMAN, "eu", None),
    ("Thandiwe Nkosi", WOMAN, "af", None),
    ("Camille Fournier-Laval", WOMAN, "eu", None),
    ("Zeynep Arslan", WOMAN, "me", None),
    ("Catherine Whitlock", WOMAN, "eu", "Dame"),
    ("Ayesha Rahmani", WOMAN, "as", None),
    ("Kristiina Saar", WOMAN, "eu", None),
    ("Valentina Ruiz", WOMAN, "am", None),
    ("Naledi Dube", WOMAN, "af", "Dr."),
    ("Sun-hee Park", WOMAN, "as", None),
    ("Margarethe Vogel", WOMAN, "eu", None),
    ("Ilse Vandenberghe", WOMAN, "eu", None),
    ("Adaeze Nwosu", WOMAN, "af", None),
    ("Helena Sørensen", WOMAN, "eu", None),
    ("Isabel Montoya", WOMAN, "am", None),
    ("Ewa Zielińska", WOMAN, "eu", None),
    ("Kavya Menon", WOMAN, "as", None),
    ("Inese Ozola", WOMAN, "eu", None),
    ("Rahel Tesfaye", WOMAN, "af", None),
    ("Noura Khalil", WOMAN, "me", None),
    ("Siobhan Gallagher", WOMAN, "eu", None),
    ("Maren Holt", WOMAN, "eu", "Col."),
    # ambiguous or initial-only first names (the ground truth is noted only here)
    ("Sasha Petrenko", WOMAN, "eu", None),
    ("Kim Lindahl", WOMAN, "eu", None),
    ("Jordan Ashby", WOMAN, "eu", "Ms."),
    ("Hikaru Sato", WOMAN, "as", None),
    ("Dominique Laurent", WOMAN, "eu", None),
    ("Andrea Colombo", MAN, "eu", None),
    ("Alex Moreau", MAN, "eu", "Mr."),
    ("Nikola Horvat", MAN, "eu", None),
    ("Janis Liepa", MAN, "eu", None),
    ("Jiwoo Han", MAN, "as", None),
    ("J. P. Okonkwo", MAN, "af", None),
    ("Tomasz Wrona", MAN, "eu", None),
    ("Kwame Asante", MAN, "af", "Dr."),
    ("Henrik Aalto", MAN, "eu", None),
    ("Mikael Brandt", MAN, "eu", "Lt. Gen."),
    ("Rajiv Bhattacharya", MAN, "as", "Prof."),
    ("Oleksandr Marchuk", MAN, "eu", None),
    ("Jonas Petraitis", MAN, "eu", None),
    ("Andris Kalniņš", MAN, "eu", None),
    ("Hamid Tehrani", MAN, "me", None),
    ("Yusuf Demir", MAN, "me", None),
    ("Lars Øvergaard", MAN, "eu", "Ambassador"),
    ("Pieter van Hoorn", MAN, "eu", None),
    ("Gideon Mensah", MAN, "af", None),
    ("Carlos Echeverría", MAN, "am", None),
    ("Diego Alvarado", MAN, "am", None),
    ("Takeshi Morimoto", MAN, "as", None),
    ("Wen-Jie Liu", MAN, "as", "Dr."),
    ("Arjun Venkataraman", MAN, "as", None),
    ("Mateusz Górecki", MAN, "eu", None),
    ("Stefan Brückner", MAN, "eu", "Dr."),
    ("Martin Kuusk", MAN, "eu", None),
    ("Raimonds Bērziņš", MAN, "eu", "Col."),
    ("Erik Lundgren", MAN, "eu", None),
    ("Viktor Hallberg", MAN, "eu", None),
    ("Samuel Adeyemi", MAN, "af", None),
    ("Ibrahim Diallo", MAN, "af", None),
    ("Omar Benali", MAN, "me", None),
    ("Karim Mansour", MAN, "me", "Dr."),
    ("Dmytro Kovalenko", MAN, "eu", None),
    ("James Harrington", MAN, "eu", "Sir"),
    ("William Ashcroft", MAN, "eu", None),
    ("Richard Pembury", MAN, "eu", "Gen."),
    ("Hugh Carrow", MAN, "eu", None),
    ("Frederik Dahl", MAN, "eu", None),
    ("Nils Bergström", MAN, "eu", None),
    ("Paolo Ferrante", MAN, "eu", None),
    ("Luca Marchetti", MAN, "eu", None),
    ("Matthieu Garnier", MAN, "eu", None),
    ("Javier Robledo", MAN, "am", None),
    ("Hiroshi Nakagawa", MAN, "as", "Vice Admiral"),
    ("Sanjay Pillai", MAN, "as", None),
    ("Faisal Al-Tamimi", MAN, "me", None),
    ("Emre Kaya", MAN, "me", None),
    ("Kofi Boateng", MAN, "af", None),
    ("Tendai Moyo", MAN, "af", None),
    ("Chukwuemeka Eze", MAN, "af", None),
    ("Aleksander Nowak", MAN, "eu", None),
    ("Markus Lehtinen", MAN, "eu", None),
    ("Bogdan Ionescu", MAN, "eu", None),
    ("Rafael Duarte", MAN, "am", None),
    ("Thomas Keller", MAN, "eu", None),
    ("Anders Holm", MAN, "eu", None),
    ("Sebastian Wolff", MAN, "eu", None),
    ("Giorgi Beridze", MAN, "eu", None),
    ("Nguyen Van Thanh", MAN, "as", None),
    ("Rohan Dissanayake", MAN, "as", None),
    # non-binary people: neutral bios; only self-identification would label them
    ("Alexis Varga", NONBINARY, "eu", None),
    ("Sam Okoye-Reinholt", NONBINARY, "af", None),
    ("Rowan Mistry", NONBINARY, "as", None),
    ("Kai Lindgren", NONBINARY, "eu", None),
)

# Group accounts that appear on agendas (never counted as people).
ORGANISATIONS: tuple[str, ...] = ("Organising Team", "Programme Committee", "Young Leaders Network")

# The outlet's journalists: (name, gender).
JOURNALISTS: tuple[tuple[str, str], ...] = (
    ("Clara Whitfield", WOMAN),
    ("Nkechi Obi", WOMAN),
    ("Solveig Brandt", WOMAN),
    ("Rania Aziz", WOMAN),
    ("Mariana Lopes", WOMAN),
    ("Daniel Kerr", MAN),
    ("Tobias Lindner", MAN),
    ("Imran Chaudhry", MAN),
    ("Patrick Osei", MAN),
    ("Henrik Dalby", MAN),
)

PRONOUNS = {WOMAN: ("She", "she", "her"), MAN: ("He", "he", "his")}
PRONOUN_BIO_SHARE = 0.6  # the share of women's and men's bios that use pronouns
REGULAR_SHARE = 0.3  # people who come back again and again


@dataclass(frozen=True)
class Expert:
    """One invented expert, with the facts the pages quote about them."""

    name: str
    gender: str
    region: str
    honorific: str | None
    affiliation: str
    job: str
    focus: str
    bio: str
    weight: float

    @property
    def display(self) -> str:
        """The name as an agenda prints it, honorific first."""
        return f"{self.honorific} {self.name}" if self.honorific else self.name

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    @property
    def appositive(self) -> str:
        """'a senior fellow at the Harbourline Institute'."""
        return f"{self.job} {self.affiliation}"


def build_roster(rng: random.Random) -> list[Expert]:
    """Give every invented person an affiliation, a job, a focus, a bio and a prominence."""
    roster = []
    for name, gender, region, honorific in PEOPLE:
        affiliation = rng.choice(phrases.AFFILIATIONS)
        job = rng.choice(phrases.JOB_TITLES)
        focus = rng.choice(phrases.BIO_FOCUS)
        uses_pronouns = gender in PRONOUNS and rng.random() < PRONOUN_BIO_SHARE
        weight = 4.0 if rng.random() < REGULAR_SHARE else 1.0
        roster.append(
            Expert(
                name=name,
                gender=gender,
                region=region,
                honorific=honorific,
                affiliation=affiliation,
                job=job,
                focus=focus,
                bio=_bio(name, gender, job, affiliation, focus, pronouns=uses_pronouns),
                weight=weight,
            )
        )
    return roster


def _bio(name: str, gender: str, job: str, affiliation: str, focus: str, *, pronouns: bool) -> str:
    role = job.removeprefix("a ").removeprefix("the ")
    role = role[:1].upper() + role[1:]
    if not pronouns:
        return (
            f"{role} {affiliation}, working on {focus}. Previously adviser to a parliamentary "
            f"defence committee and author of several reports on {focus}."
        )
    subject, lower, possessive = PRONOUNS[gender]
    return (
        f"{name} is {job} {affiliation}. {subject} leads {possessive} team's work on {focus} "
        f"and has advised governments across the region; before that {lower} spent ten years "
        "in the diplomatic service."
    )
