"""The dashboard's interface texts and number formats in Norwegian (bokmål) and English.

Function labels come from :data:`cypher.model.FUNCTIONS`; everything else the pages show is
looked up here with :func:`text`, so a page never holds a literal sentence, and numbers are
written with :func:`number` (bokmål: decimal comma). A key without a text is an error, not
shown as itself: a snake_case key must never reach a page.

One term per concept (issue 9): mellomsentralitet (betweenness), brobygger (bridge-builder),
del (part, a connected component) and gruppe (group, a community).
"""

from __future__ import annotations

import analytics.text
from analytics.anonymise import function_label as _plain_function_label
from analytics.text import csv_delimiter
from cypher.model import CONTACT_TYPE_LABELS, CONTACT_TYPES

__all__ = ["LANGUAGES", "csv_delimiter", "function_label", "number", "text"]

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
    "no_data": ("Ingen data for dette utvalget.", "No data for this selection."),
    "unknown_in_address": (
        "Ukjent {parameter} i adressen: {values}. Kjente verdier: {known}.",
        "Unknown {parameter} in the address: {values}. Known values: {known}.",
    ),
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
    "betweenness": ("Mellomsentralitet", "Betweenness"),
    "constraint": ("Begrensning (Burt)", "Constraint (Burt)"),
    "effective_size": ("Effektiv størrelse", "Effective size"),
    "brokerage": ("Meglerroller", "Brokerage roles"),
    "coordinator": ("koordinator", "coordinator"),
    "gatekeeper": ("portvokter", "gatekeeper"),
    "representative": ("representant", "representative"),
    "consultant": ("konsulent", "consultant"),
    "liaison": ("forbindelsesledd", "liaison"),
    "responded": ("Svarte", "Responded"),
    "yes": ("ja", "yes"),
    "no": ("nei", "no"),
    "bridge_builder": ("Brobygger", "Bridge-builder"),
    "cut_point": ("Kuttpunkt", "Cut point"),
    "bridge_builder_legend": ("Brobygger (omrammet)", "Bridge-builder (outlined)"),
    "cut_point_legend": ("Kuttpunkt (dobbel ramme)", "Cut point (double outline)"),
    "nonrespondent": ("Svarte ikke (hul)", "Did not respond (hollow)"),
    "multi_function": ("Flere funksjoner (kakediagram)", "Several functions (pie)"),
    "size_betweenness": ("Størrelse = mellomsentralitet", "Size = betweenness"),
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
    "persons_joined": ("personer som kom til", "persons who joined"),
    "persons_left": ("personer som sluttet", "persons who left"),
    "ties_new": ("nye bånd", "new ties"),
    "ties_dropped": ("bortfalte bånd", "dropped ties"),
    "ties_stable": ("stabile bånd", "stable ties"),
    "ties_jaccard": ("bånd: Jaccard-likhet", "ties: Jaccard similarity"),
    "qap_correlation": ("QAP-korrelasjon", "QAP correlation"),
    "qap_p_value": ("QAP p-verdi", "QAP p-value"),
    **{key: (CONTACT_TYPE_LABELS["nb"][key], CONTACT_TYPE_LABELS["en"][key]) for key in CONTACT_TYPES},
    "body": ("Politisk organ", "Political body"),
    "mayor": ("Ordfører", "Mayor"),
    "executive_committee": ("Formannskap", "Executive committee"),
    "council": ("Kommunestyre", "Council"),
    "committee": ("Utvalg", "Committee"),
    "per_body": ("Kontakt per organ", "Contacts per body"),
    "share": ("Andel (%)", "Share (%)"),
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
    "betweenness_centralization": ("mellomsentralitetssentralisering", "betweenness centralisation"),
    "ideal_type": ("idealtype", "ideal type"),
    "star": ("stjerne", "star"),
    "circle": ("sirkel", "circle"),
    "line": ("linje", "line"),
    "mixed": ("blandet", "mixed"),
    "ei_index": ("E–I-indeks", "E–I index"),
    "reciprocity": ("gjensidighet", "reciprocity"),
    "arcs": ("rapporterte kontakter", "reported contacts"),
    # labels (issue 11)
    "label_size": ("Etiketter", "Labels"),
    "label_size_off": ("av", "off"),
}


def _index(lang: str) -> int:
    return LANGUAGES.index(lang) if lang in LANGUAGES else 0


def text(key: str, lang: str) -> str:
    """The interface text ``key`` in ``lang`` (``nb`` or ``en``).

    Raises
    ------
    KeyError
        For a key without a text (the message names it), so that no page shows a code key.
    """
    try:
        pair = _TEXTS[key]
    except KeyError:
        raise KeyError(f"no interface text {key!r}") from None
    return pair[_index(lang)]


def number(value: object, lang: str, digits: int = 3) -> str:
    """``value`` as the page and CSV write it: floats rounded to ``digits`` decimals, trailing
    zeros dropped, with a decimal comma in bokmål; ``None`` is empty, other values as text."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float):
        if value != value:  # NaN: pandas' empty cell
            return ""
        shown = analytics.text.number(value, LANGUAGES[_index(lang)], digits)
        shown = shown.rstrip("0").rstrip(".,") if digits else shown
        return "0" if shown == "-0" else shown
    return str(value)


def function_label(key: str, lang: str) -> str:
    """Label of function ``key`` in ``lang``, capitalised for legends."""
    label = _plain_function_label(key, lang if lang in LANGUAGES else LANGUAGES[0])
    return label[:1].upper() + label[1:]
