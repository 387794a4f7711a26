"""The fixed words of the reports, in bokmål ('nb') and English ('en').

Headings, legend entries and the three ideal types' strengths and weaknesses as the seed
report lists them (Møreforsking and Husbanken region Midt-Norge, *Boligsosialt arbeid og
organisering*, 2014, "Idealformer av nettverk – styrker og svakheter"). Sentences that carry
numbers are built where the numbers are (:mod:`report.questions`, :mod:`report.change`).
Terms follow issue 9: del/part, gruppe/group, brobygger/bridge-builder, isolert/isolate.
"""

from __future__ import annotations

__all__ = ["IDEAL_TYPE_TEXT", "LANGUAGES", "THRESHOLD_TITLES", "WORDS", "number", "word"]

LANGUAGES: tuple[str, ...] = ("nb", "en")

#: Picture title of each threshold (cumulative, as in the report's figures 5–7).
THRESHOLD_TITLES: dict[str, dict[str, str]] = {
    "nb": {
        "daily": "Daglig kontakt",
        "weekly": "Daglig og ukentlig kontakt",
        "monthly": "All kontakt til og med månedlig",
    },
    "en": {"daily": "Daily contact", "weekly": "Daily and weekly contact", "monthly": "All contact up to monthly"},
}

WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "note": "Nettverksanalyse",
        "deck": "Nettverkssamling",
        "municipality": "Kommune",
        "round": "Runde",
        "compared_with": "sammenlignet med",
        "made": "Laget",
        "response_rate": "Svarprosent",
        "respondents_of": "{k} av {n} svarte",
        "political": "Kontakt med politiske organer",
        "key_figures": "Nøkkeltall",
        "measure": "Mål",
        "persons": "Personer",
        "respondents": "Respondenter",
        "ties": "Kontakter",
        "density": "Tetthet",
        "parts": "Deler",
        "isolates": "Isolerte",
        "bridge_builders": "Brobyggere",
        "centralisation": "Sentralisering",
        "ideal_type": "Idealtype",
        "ei": "E–I {function}",
        "ideal_types": "Idealtypen nettverket ligner",
        "strengths": "Styrker",
        "weaknesses": "Svakheter",
        "findings": "Funn",
        "change": "Endring siden {round}",
        "change_legend": "Endring",
        "difference": "Endring {before}–{after}: {threshold}",
        "questions": "Arbeidsspørsmål",
        "appendix": "Vedlegg: QAP-korrelasjon",
        "appendix_row": (
            "{threshold}: r = {r}, p = {p} ({persons} personer i begge rundene, {permutations} permutasjoner)"
        ),
        "none": "–",
        "mixed": "blandet",
        "function": "Funksjon (farge)",
        "frequency": "Kontakt (strek)",
        "outline": "Omriss",
        "bridge_builder": "Brobygger",
        "cut_point": "Kuttpunkt",
        "nonrespondent": "Svarte ikke (hul)",
        "size": "Størrelse = mellomsentralitet",
        "isolates_row": "Isolerte samlet nederst",
        "contact_kind": "Type kontakt",
        "new": "Ny kontakt",
        "dropped": "Kontakt som falt bort",
        "stable": "Kontakt som besto",
        "joined": "Kom inn",
        "left": "Gikk ut",
        "changed_role": "Endret rolle (isolert/brobygger)",
        "side_by_side": "{threshold}, {round}",
        "questions_for": "Arbeidsspørsmål – kommune {label}",
        "daily": "daglig",
        "weekly": "ukentlig",
        "monthly": "månedlig",
    },
    "en": {
        "note": "Network analysis",
        "deck": "Network gathering",
        "municipality": "Municipality",
        "round": "Round",
        "compared_with": "compared with",
        "made": "Made",
        "response_rate": "Response rate",
        "respondents_of": "{k} of {n} responded",
        "political": "Contact with political bodies",
        "key_figures": "Key figures",
        "measure": "Measure",
        "persons": "Persons",
        "respondents": "Respondents",
        "ties": "Ties",
        "density": "Density",
        "parts": "Parts",
        "isolates": "Isolates",
        "bridge_builders": "Bridge-builders",
        "centralisation": "Centralisation",
        "ideal_type": "Ideal type",
        "ei": "E–I {function}",
        "ideal_types": "The ideal type the network resembles",
        "strengths": "Strengths",
        "weaknesses": "Weaknesses",
        "findings": "Findings",
        "change": "Change since {round}",
        "change_legend": "Change",
        "difference": "Change {before}–{after}: {threshold}",
        "questions": "Working questions",
        "appendix": "Appendix: QAP correlation",
        "appendix_row": "{threshold}: r = {r}, p = {p} ({persons} persons in both rounds, {permutations} permutations)",
        "none": "–",
        "mixed": "mixed",
        "function": "Function (colour)",
        "frequency": "Contact (line)",
        "outline": "Outline",
        "bridge_builder": "Bridge-builder",
        "cut_point": "Cut point",
        "nonrespondent": "Did not respond (hollow)",
        "size": "Size = betweenness",
        "isolates_row": "Isolates gathered at the bottom",
        "contact_kind": "Kind of contact",
        "new": "New tie",
        "dropped": "Tie that disappeared",
        "stable": "Tie that stayed",
        "joined": "Joined",
        "left": "Left",
        "changed_role": "Changed role (isolate/bridge-builder)",
        "side_by_side": "{threshold}, {round}",
        "questions_for": "Working questions – municipality {label}",
        "daily": "daily",
        "weekly": "weekly",
        "monthly": "monthly",
    },
}


def word(key: str, lang: str, **values: object) -> str:
    """The fixed text ``key`` in ``lang``, with ``values`` filled in."""
    if lang not in WORDS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return WORDS[lang][key].format(**values) if values else WORDS[lang][key]


#: Per ideal type and language: its name, a one-line description, strengths and weaknesses,
#: as the seed report lists them (the line has no strengths, in the report's words).
IDEAL_TYPE_TEXT: dict[str, dict[str, dict]] = {
    "star": {
        "nb": {
            "name": "stjerne",
            "description": "All kommunikasjon går via én person, som har direkte kontakt med alle.",
            "strengths": [
                "Én aktør har tilgang til all informasjon i nettverket, og kan koordinere informasjons- og "
                "kunnskapsflyten."
            ],
            "weaknesses": [
                "Alle må «gjennom» den sentrale aktøren for å komme til hverandre; i verste fall kan hen hindre "
                "at de andre kommer i kontakt med hverandre.",
                "Den sentrale aktøren kan «sile» informasjon, slik at enkelte får mer eller mindre enn andre.",
                "Personlige egenskaper ved den sentrale aktøren kan være avgjørende for hvordan nettverket fungerer.",
                "Forsvinner den sentrale aktøren, har ingen andre samme oversikt, og det tar trolig lang tid å "
                "bygge opp samme kunnskapsbase.",
            ],
        },
        "en": {
            "name": "star",
            "description": "All communication runs through one person, who is in direct contact with everyone.",
            "strengths": [
                "One actor has access to all the information in the network and can coordinate the flow of "
                "information and knowledge."
            ],
            "weaknesses": [
                "Everyone has to go 'through' the central actor to reach each other; at worst that actor can keep "
                "the others from getting in touch.",
                "The central actor can 'filter' information, so that some get more or less than others.",
                "The central actor's personal qualities can decide how the network works.",
                "If the central actor leaves, no one else has the same overview, and rebuilding that knowledge "
                "will probably take a long time.",
            ],
        },
    },
    "circle": {
        "nb": {
            "name": "sirkel",
            "description": "Alle har kontakt med bare to andre, og det er lang vei til de som er lengst unna.",
            "strengths": ["Alle aktører har tilgang til like mange andre aktører."],
            "weaknesses": [
                "Alle må gjennom flere ledd for å komme til den som er lengst unna i nettverket.",
                "Ingen har fullstendig tilgang til all informasjon og kan koordinere arbeidet.",
                "Det er ingen garanti for at de to man har kontakt med, er de viktigste å ha kontakt med.",
            ],
        },
        "en": {
            "name": "circle",
            "description": "Everyone is in contact with only two others, and the way to the farthest is long.",
            "strengths": ["Every actor has access to equally many other actors."],
            "weaknesses": [
                "Everyone has to go through several links to reach the one farthest away in the network.",
                "No one has full access to all the information and can coordinate the work.",
                "There is no guarantee that one's two contacts are the most important ones to have.",
            ],
        },
    },
    "line": {
        "nb": {
            "name": "linje",
            "description": "Lange kjeder: de i endene har lang arbeidsvei til hverandre.",
            "strengths": ["Rapporten finner ingen styrker ved et nettverk som fungerer på denne måten."],
            "weaknesses": [
                "Det er svært langt fra den ene enden av nettverket til den andre.",
                "Mange mellomliggende aktører kan hindre at informasjon og kunnskap kommer fram.",
                "Ingen har mulighet til å koordinere arbeidet.",
                "Ingen har fullstendig oversikt over arbeidet.",
            ],
        },
        "en": {
            "name": "line",
            "description": "Long chains: those at the ends have a long way to each other.",
            "strengths": ["The report finds no strengths in a network that works this way."],
            "weaknesses": [
                "It is very far from one end of the network to the other.",
                "Many actors in between can keep information and knowledge from getting through.",
                "No one is in a position to coordinate the work.",
                "No one has the full overview of the work.",
            ],
        },
    },
}


def number(value: float | None, lang: str, digits: int = 2) -> str:
    """``value`` with ``digits`` decimals, a decimal comma in bokmål; "–" for ``None``."""
    if value is None:
        return WORDS[lang]["none"]
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nb" else text
