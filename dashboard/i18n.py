"""The dashboard's interface texts in Norwegian (bokmål) and English.

Function labels come from :data:`cypher.model.FUNCTIONS`; everything else the pages show is
looked up here with :func:`text`, so a page never holds a literal sentence.
"""

from __future__ import annotations

from analytics.anonymise import function_label as _plain_function_label
from cypher.model import CONTACT_TYPE_LABELS, CONTACT_TYPES

__all__ = ["LANGUAGES", "function_label", "text"]

#: Interface languages, the default first.
LANGUAGES: tuple[str, ...] = ("nb", "en")

_TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Samhandling i boligsosialt arbeid", "Coordination in social-housing work"),
    "nav_network": ("Nettverk", "Network"),
    "nav_municipalities": ("Kommuner side om side", "Municipalities side by side"),
    "nav_rounds": ("Runder side om side", "Rounds side by side"),
    "nav_political": ("Politisk kontakt", "Political contacts"),
    "nav_queries": ("Analytikerspørringer", "Analyst queries"),
    "db_down": (
        "Databasen kan ikke nås; prøver igjen …",
        "The database cannot be reached; retrying …",
    ),
    "no_data": ("Ingen data er lastet inn ennå.", "No data has been loaded yet."),
    "municipality": ("Kommune", "Municipality"),
    "round": ("Runde", "Round"),
    "from_round": ("Fra runde", "From round"),
    "to_round": ("Til runde", "To round"),
    "threshold": ("Terskel", "Threshold"),
    "daily": ("daglig", "daily"),
    "weekly": ("ukentlig", "weekly"),
    "monthly": ("månedlig", "monthly"),
    "less_often": ("sjeldnere", "less often"),
    "gather_isolates": ("Samle isolerte på en rad", "Gather isolates in a row"),
    "findings": ("Funn", "Findings"),
    "legend": ("Tegnforklaring", "Legend"),
    "details": ("Person", "Person"),
    "click_person": ("Klikk på en person for detaljer.", "Click a person for details."),
    "functions": ("Funksjoner", "Functions"),
    "degree": ("Grad", "Degree"),
    "betweenness": ("Mellomliggende sentralitet", "Betweenness"),
    "constraint": ("Begrensning (Burt)", "Constraint (Burt)"),
    "effective_size": ("Effektiv størrelse", "Effective size"),
    "brokerage": ("Meglerroller", "Brokerage roles"),
    "responded": ("Svarte", "Responded"),
    "yes": ("ja", "yes"),
    "no": ("nei", "no"),
    "broker": ("Brobygger (omrammet)", "Broker (outlined)"),
    "articulation": ("Bindeledd (dobbel ramme)", "Articulation point (double outline)"),
    "nonrespondent": ("Svarte ikke (hul)", "Did not respond (hollow)"),
    "multi_function": ("Flere funksjoner (kakediagram)", "Several functions (pie)"),
    "size_betweenness": ("Størrelse = mellomliggende sentralitet", "Size = betweenness"),
    "persons": ("personer", "persons"),
    "ties": ("bånd", "ties"),
    "export": ("Eksport", "Export"),
    "table": ("Tabell", "Table"),
    "cross_table": ("Kommunene sammenlignet", "Municipalities compared"),
    "tie_new": ("Nytt bånd", "New tie"),
    "tie_dropped": ("Bortfalt bånd", "Dropped tie"),
    "tie_stable": ("Stabilt bånd", "Stable tie"),
    "person_joined": ("Ny person (grønn ramme)", "Person joined (green outline)"),
    "person_left": ("Person sluttet (rød, blek)", "Person left (red, faded)"),
    "difference": ("Forskjell", "Difference"),
    "deltas": ("Endring i mål", "Metric changes"),
    "measure": ("Mål", "Measure"),
    "change": ("Endring", "Change"),
    **{key: (CONTACT_TYPE_LABELS["nb"][key], CONTACT_TYPE_LABELS["en"][key]) for key in CONTACT_TYPES},
    "body": ("Politisk organ", "Political body"),
    "per_body": ("Kontakt per organ", "Contacts per body"),
    "query": ("Spørring", "Query"),
    "parameters": ("Parametre", "Parameters"),
    "run": ("Kjør", "Run"),
    "rows": ("rader", "rows"),
    "query_error": ("Spørringen feilet", "The query failed"),
    "bad_json": ("Parametrene er ikke gyldig JSON", "The parameters are not valid JSON"),
    "nodes": ("personer", "persons"),
    "respondents": ("svarte", "respondents"),
    "density": ("tetthet", "density"),
    "isolates": ("isolerte", "isolates"),
    "parts": ("deler", "parts"),
    "bridge_builders": ("brobyggere", "bridge-builders"),
    "degree_centralization": ("gradsentralisering", "degree centralisation"),
    "betweenness_centralization": ("mellomleddsentralisering", "betweenness centralisation"),
    "ideal_type": ("idealtype", "ideal type"),
    "ei_index": ("E–I-indeks", "E–I index"),
    "reciprocity": ("gjensidighet", "reciprocity"),
    "arcs": ("rapporterte kontakter", "reported contacts"),
}


def text(key: str, lang: str) -> str:
    """The interface text ``key`` in ``lang`` (``nb`` or ``en``); unknown keys show as themselves."""
    pair = _TEXTS.get(key)
    if pair is None:
        return key
    return pair[LANGUAGES.index(lang) if lang in LANGUAGES else 0]


def function_label(key: str, lang: str) -> str:
    """Label of function ``key`` in ``lang``, capitalised for legends."""
    label = _plain_function_label(key, lang if lang in LANGUAGES else LANGUAGES[0])
    return label[:1].upper() + label[1:]
