"""Working questions for a municipality, computed from its measures, in bokmål and English.

The seed report gave each municipality questions to discuss at the gatherings ("Regner dere
dette relasjonsmønsteret som naturlig? Er det andre man ønsker eller trenger mer tid med på
ukentlig basis? ..."). Here each question is asked only when its rule holds, with the numbers,
functions and persons read from the measures:

1. always first: is this contact pattern natural?
2. the function with most members without daily contact with each other (at least
   :data:`MIN_APART` of at least 3): are they meant to work alone?
3. a part shaped like a star at the daily or weekly threshold: who takes over if its hub is away?
4. bridge-builders at the weekly threshold: what happens to the contact between the parts if
   they leave?
5. a part shaped like a line: who has the overview? A circle: who can coordinate?
6. two or more parts at the weekly threshold: are there enough meeting places?
7. political contact mostly information exchange: what would a shared understanding with the
   politicians need?
8. after a comparison, more persons without daily contact: what has changed?

The seed report's general questions fill up to :data:`MIN_QUESTIONS`; at most
:data:`MAX_QUESTIONS` are asked.
"""

from __future__ import annotations

from analytics.anonymise import function_label
from report.facts import Change, ViewFacts
from report.source import Source

__all__ = ["MAX_NAMED", "MAX_QUESTIONS", "MIN_APART", "MIN_QUESTIONS", "working_questions"]

MIN_QUESTIONS = 4
MAX_QUESTIONS = 8
#: Most persons named in one question; more are counted.
MAX_NAMED = 4
#: Fewest members of a function without daily contact with each other worth a question.
MIN_APART = 2

_GENERAL = {
    "nb": (
        "Regner dere dette kontaktmønsteret som naturlig?",
        "Er det andre dere ønsker eller trenger mer tid med på ukentlig basis?",
        "Ligger det formelle eller uformelle møteplasser til grunn for denne kontakten?",
        "Har dere tilstrekkelige møteplasser for å koordinere arbeidet på ukentlig basis?",
    ),
    "en": (
        "Do you regard this contact pattern as natural?",
        "Is there anyone you need more time with weekly?",
        "Are there formal or informal meeting places behind this contact?",
        "Are there enough meeting places to coordinate the work weekly?",
    ),
}


def _hub(facts: ViewFacts, part: tuple[str, ...]) -> str:
    return min(part, key=lambda p: (-facts.view.graph.degree(p), p))


def _apart(facts: ViewFacts, lang: str) -> list[str]:
    candidates = [(apart, key) for key, (apart, members) in facts.apart_within.items() if members >= 3]
    if not candidates:
        return []
    apart, key = max(candidates, key=lambda item: (item[0], item[1]))
    if apart < MIN_APART:
        return []
    label = function_label(key, lang)
    if lang == "nb":
        return [f"Er det meningen at de {apart} innen {label} uten daglig kontakt med hverandre skal arbeide alene?"]
    return [f"Are the {apart} in {label} without daily contact with each other meant to work alone?"]


def _shapes(source: Source, daily: ViewFacts, weekly: ViewFacts) -> list[str]:
    lang = source.lang
    questions = []
    for facts in (daily, weekly):
        stars = [part for part, shape in zip(facts.parts, facts.part_shapes, strict=True) if shape == "star"]
        if stars:
            hub = source.labels[_hub(facts, stars[0])]
            questions.append(
                f"Hvem tar over hvis {hub} er borte?" if lang == "nb" else f"Who takes over if {hub} is away?"
            )
            break
    shapes = set(daily.part_shapes) | set(weekly.part_shapes)
    if "line" in shapes:
        questions.append(
            "Hvem har oversikten over hele arbeidet når kontakten går i lange kjeder?"
            if lang == "nb"
            else "Who has the overview of the whole work when contact runs in long chains?"
        )
    if "circle" in shapes:
        questions.append(
            "Hvem kan koordinere arbeidet når alle har like mange kontakter?"
            if lang == "nb"
            else "Who can coordinate the work when everyone has equally many contacts?"
        )
    return questions


def _bridges(source: Source, weekly: ViewFacts) -> list[str]:
    k = len(weekly.bridge_builders)
    if not k:
        return []
    names = (
        source.names(weekly.bridge_builders)
        if k <= MAX_NAMED
        else (f"de {k} brobyggerne" if source.lang == "nb" else f"the {k} bridge-builders")
    )
    if source.lang == "nb":
        return [f"Hva skjer med kontakten mellom delene av nettverket hvis {names} slutter eller blir syke?"]
    return [f"What happens to the contact between the parts of the network if {names} leave or fall ill?"]


def _meeting_places(weekly: ViewFacts, lang: str) -> list[str]:
    k = len(weekly.parts)
    if k < 2:
        return []
    if lang == "nb":
        return [f"Har dere møteplasser der de {k} delene uten ukentlig kontakt med hverandre kan samordne arbeidet?"]
    return [f"Are there meeting places where the {k} parts without weekly contact with each other can coordinate?"]


def _political(facts: ViewFacts, lang: str) -> list[str]:
    kinds = facts.political["by_type"]
    if not any(kinds.values()) or max(kinds, key=lambda k: (kinds[k], k == "information")) != "information":
        return []
    if lang == "nb":
        return ["Hva skal til for å få en felles forståelse av arbeidet med politikerne?"]
    return ["What would a shared understanding with the politicians need?"]


def _since(change: Change | None, lang: str) -> list[str]:
    if change is None:
        return []
    before, after = change.isolate_counts
    if after <= before:
        return []
    first, _ = change.rounds
    if lang == "nb":
        return [f"Hva har endret seg siden {first} som gjør at flere er uten daglig kontakt ({before} → {after})?"]
    return [f"What has changed since {first} that more persons have no daily contact ({before} → {after})?"]


def working_questions(source: Source, round: str, daily_change: Change | None = None) -> list[str]:
    """4–8 working questions for ``round`` of ``source`` (rules in the module docstring).

    ``daily_change`` is the comparison with an earlier round at the daily threshold, if any.
    """
    lang = source.lang
    daily, weekly = source.at(round, "daily"), source.at(round, "weekly")
    general = _GENERAL[lang]
    computed = [
        *_apart(daily, lang),
        *_shapes(source, daily, weekly),
        *_bridges(source, weekly),
        *_meeting_places(weekly, lang),
        *_political(daily, lang),
        *_since(daily_change, lang),
    ]
    questions = [general[0], *computed[: MAX_QUESTIONS - 1]]
    for extra in general[1:]:
        if len(questions) >= MIN_QUESTIONS:
            break
        questions.append(extra)
    return questions
