"""Text pools for the fictional sample data: topics, abstracts, quotes, reported statements.

Static data only; read by app.samples.lineups and app.samples.articles. Everything is invented.
"""

from __future__ import annotations

__all__ = [
    "ABSTRACTS",
    "AFFILIATIONS",
    "BIO_FOCUS",
    "CLOSERS",
    "CONTEXT",
    "DEKS",
    "HEADLINES",
    "INDIRECT",
    "JOB_TITLES",
    "LEDES",
    "QUOTES",
    "TALK_TITLES",
    "TOPICS",
]

# (topic as a title, topic as a phrase inside a sentence)
TOPICS: tuple[tuple[str, str], ...] = (
    ("Deterrence in the High North", "deterrence in the High North"),
    ("Undersea Cables and Critical Infrastructure", "the protection of undersea cables"),
    ("Sanctions That Work", "the design of sanctions"),
    ("Arms Control After the Treaties", "arms control"),
    ("Drones and the Future of Land Warfare", "the spread of military drones"),
    ("Energy Security on the Baltic Grid", "energy security"),
    ("Hybrid Threats and Election Integrity", "hybrid threats to elections"),
    ("Space as a Contested Domain", "security in orbit"),
    ("Climate, Migration and Security", "the security effects of climate change"),
    ("Maritime Chokepoints in a Crowded Sea", "freedom of navigation"),
    ("Defence Industry at Wartime Speed", "defence production"),
    ("Cyber Deterrence Between Peace and War", "cyber deterrence"),
    ("Alliances Under Strain", "the cohesion of alliances"),
    ("Food Security as Foreign Policy", "food security"),
    ("Disinformation and Democratic Resilience", "disinformation"),
    ("Nuclear Risk in a Multipolar World", "nuclear risk"),
    ("The Arctic Council in Deep Freeze", "Arctic cooperation"),
    ("Peacekeeping Without Consensus", "peacekeeping"),
    ("Critical Minerals and Supply Chains", "critical mineral supply chains"),
    ("Artificial Intelligence on the Battlefield", "military uses of artificial intelligence"),
    ("Border Security and Human Rights", "border security"),
    ("Mediation in Protracted Conflicts", "mediation"),
    ("Reconstruction and the Price of Peace", "post-war reconstruction"),
    ("Intelligence Sharing Among Partners", "intelligence sharing"),
    ("The Sahel After the Withdrawals", "security in the Sahel"),
    ("Naval Power in the Indo-Pacific", "naval competition"),
    ("Civil Defence and Whole-of-Society Resilience", "civil defence"),
    ("Export Controls and Technology Rivalry", "export controls"),
    ("Women, Peace and Security at Twenty-Five", "the women, peace and security agenda"),
    ("Small States, Big Neighbours", "the security of small states"),
)

TALK_TITLES: tuple[str, ...] = (
    "What the Last Crisis Taught Us About {topic}",
    "Five Myths About {topic}",
    "Measuring {topic}: A Research Agenda",
    "{topic}: Lessons From the Field",
    "Why {topic} Will Define the Decade",
)

ABSTRACTS: tuple[str, ...] = (
    "Few questions divide governments as sharply as {phrase}. The session asks what has "
    "changed since last year and which policies have survived contact with reality.",
    "From ministries to shipyards, the question of {phrase} has moved from the margins to "
    "the centre of strategy. Speakers compare national approaches and name the gaps that "
    "remain.",
    "A frank discussion of {phrase}: the risks that are underestimated, the costs that are "
    "overstated, and what partners should do together in the next five years.",
    "The debate about {phrase} is often framed as a choice between speed and legitimacy. "
    "This conversation looks for options that offer both.",
)

AFFILIATIONS: tuple[str, ...] = (
    "the Harbourline Institute",
    "the Centre for Northern Security Studies",
    "the Kestrel Policy Group",
    "the Baltic Resilience Lab",
    "the University of Eastmarch",
    "the Institute for Maritime Strategy",
    "the Aldergrove Foundation",
    "the Vantage Centre for Strategic Studies",
    "the Lakeshore School of Global Affairs",
    "the Halvard Council on Foreign Relations",
    "the Coral Strait Policy Forum",
    "the Tamarind Institute for Peace Research",
    "the Northgate Defence Academy",
    "the Savanna Security Observatory",
    "the Cedar Ridge Centre for Diplomacy",
    "the Polaris Arms Control Initiative",
)

JOB_TITLES: tuple[str, ...] = (
    "a senior fellow at",
    "the director of the security programme at",
    "a research fellow at",
    "a professor of international relations at",
    "the head of the cyber desk at",
    "a visiting scholar at",
    "the executive director of",
    "a senior analyst at",
)

BIO_FOCUS: tuple[str, ...] = (
    "deterrence and arms control",
    "maritime security",
    "sanctions and economic statecraft",
    "hybrid threats and resilience",
    "conflict mediation",
    "defence procurement",
    "Arctic governance",
    "cyber policy",
    "regional security in West Africa",
    "nuclear non-proliferation",
    "intelligence oversight",
    "the politics of alliances",
)

HEADLINES: tuple[str, ...] = (
    "Allies Weigh New Approach to {topic}",
    "Why {topic} Is Back on the Agenda",
    "Ministers Meet as Pressure Grows Over {topic}",
    "Experts Warn of Gaps in {topic}",
    "Inside the Quiet Diplomacy of {topic}",
    "A Summit, a Deadline and {topic}",
    "{topic}: What the New Strategy Leaves Out",
    "Parliament Questions Government Line on {topic}",
)

DEKS: tuple[str, ...] = (
    "Officials say progress is real but fragile; analysts are less sure.",
    "A new round of talks opens with little agreement on what success looks like.",
    "Governments are spending more. Researchers ask whether they are spending well.",
    "The debate has moved from think tanks to cabinet rooms.",
)

LEDES: tuple[str, ...] = (
    "Diplomats gathered this week for talks on {phrase}, the third such meeting this year, "
    "amid signs that the consensus of the past decade is fraying.",
    "Governments across the region have announced new plans for {phrase}, but the details "
    "remain thin and the money has yet to follow.",
    "A leaked draft of the government's new strategy puts {phrase} at the top of its list "
    "of priorities, a shift that has surprised partners and critics alike.",
    "The debate over {phrase} returned to parliament on Tuesday after a week of tense "
    "exchanges between ministries.",
)

QUOTES: tuple[str, ...] = (
    "We are no longer debating whether this matters, only how fast we can act",
    "The strategy is right on paper, but paper does not deter anyone",
    "Partners need to see budgets, not just communiqués",
    "This is the moment to build institutions that outlast the crisis",
    "Everyone agrees on the diagnosis and nobody agrees on the treatment",
    "If we wait for perfect information, we will wait too long",
    "There is a real risk of overreaction, and it would be costly",
    "Smaller states have more influence here than they think",
    "The public has been ahead of the politicians on this",
    "We have seen this pattern before, and it did not end well",
    "Credibility is built in peacetime or not at all",
    "The numbers are moving in the right direction, slowly",
    "What worries me most is the lack of a plan for the day after",
    "This is not a technical problem, it is a political one",
    "I would not call it a breakthrough, but it is a start",
    "The hardest part is getting ministries to share what they know",
)

INDIRECT: tuple[str, ...] = (
    "the new measures would take years to show results",
    "the government had underestimated the cost of {phrase}",
    "regional partners were quietly preparing their own plans",
    "public support for the policy remained strong despite the costs",
    "the talks had produced more agreement than officials admitted",
    "the budget increase was smaller than it looked once inflation was counted",
    "the question of {phrase} was now a matter for heads of government",
    "coordination between the ministries had improved since last year",
)

CLOSERS: tuple[str, ...] = (
    "Officials are expected to return to the issue at the next ministerial meeting.",
    "A spokesperson for the foreign ministry declined to comment on the draft.",
    "The next round of talks is scheduled for the autumn.",
    "Parliament's defence committee will hold a hearing on the plan next month.",
)

CONTEXT: tuple[str, ...] = (
    "The issue has climbed the agenda since last year's crisis, when several governments were "
    "caught without a plan.",
    "Spending on the area has risen in most allied capitals, though unevenly and often late.",
    "Officials in several capitals describe the talks as constructive but slow.",
    "The draft strategy runs to more than eighty pages and sets no firm deadlines.",
)
