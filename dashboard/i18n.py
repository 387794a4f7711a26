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
    # network tools (issue 11)
    "size_by": ("Størrelse etter", "Size by"),
    "size_degree": ("Størrelse = grad", "Size = degree"),
    "size_closeness": ("Størrelse = nærhetssentralitet", "Size = closeness"),
    "size_eigenvector": ("Størrelse = egenvektorsentralitet", "Size = eigenvector centrality"),
    "closeness": ("Nærhetssentralitet", "Closeness"),
    "eigenvector": ("Egenvektorsentralitet", "Eigenvector centrality"),
    "show_function": ("Funksjon", "Function"),
    "all_functions": ("Alle funksjoner", "All functions"),
    "tool_mode": ("Andre", "Others"),
    "mode_highlight": ("tonet ned", "faded"),
    "mode_filter": ("skjult", "hidden"),
    "ego_person": ("Egonettverk rundt", "Ego network of"),
    "whole_network": ("Hele nettverket", "Whole network"),
    "ego_steps": ("Steg ut", "Steps out"),
    "persons": ("personer", "persons"),
    "ties": ("bånd", "ties"),
    "export": ("Eksport", "Export"),
    "report": ("Notat", "Note"),
    "report_button": ("Last ned notatet", "Download the note"),
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
    # import page (issue 12)
    "nav_import": ("Import", "Import"),
    "import_intro": (
        "Last inn en runde fra eksportene slik de er. Kontroller først: ingenting skrives før hele runden er gyldig.",
        "Load a round from the exports as they are. Check first: nothing is written unless the whole round is valid.",
    ),
    "import_roster": ("Deltakerliste", "Roster"),
    "import_responses": ("Svar (eller kontakter)", "Responses (or contacts)"),
    "import_political": ("Politisk kontakt (valgfritt)", "Political contacts (optional)"),
    "import_choose_file": (
        "Slipp en fil her eller klikk (XLSX eller CSV, høyst {limit} MB)",
        "Drop a file here or click (XLSX or CSV, at most {limit} MB)",
    ),
    "import_existing": ("Kommune som er lastet inn", "Loaded municipality"),
    "import_new_municipality": ("… eller ny kommune (navn)", "… or a new municipality (name)"),
    "import_layout": ("Svarfilen", "The responses file"),
    "import_layout_wide": ("én kolonne per person (eksport)", "one column per person (export)"),
    "import_layout_long": ("ego, alter, frekvens", "ego, alter, frequency"),
    "import_profile": ("Spørreskjemaverktøy", "Survey tool"),
    "import_no_profile": ("annet (finn selv)", "other (detect)"),
    "import_replace": (
        "Erstatt runden om den alt er lastet inn med andre data",
        "Replace the round if it is already loaded with different data",
    ),
    "import_check": ("Kontroller", "Check"),
    "import_load": ("Last inn", "Load"),
    "import_missing": ("Mangler: {missing}.", "Missing: {missing}."),
    "import_checked": (
        "Kontrollert: filene er gyldige. Ingenting er skrevet ennå.",
        "Checked: the files are valid. Nothing has been written yet.",
    ),
    "import_problems": (
        "{count} problem(er) i filene; ingenting ble skrevet.",
        "{count} problem(s) in the files; nothing was written.",
    ),
    "import_not_loaded": ("Ikke lastet inn:", "Not loaded:"),
    "import_omitted": ("{count} av dem vises ikke.", "{count} of them are not shown."),
    "import_created": (
        "Lastet inn {round}: {nodes} noder og {relationships} relasjoner skrevet.",
        "Loaded {round}: {nodes} nodes and {relationships} relationships written.",
    ),
    "import_replaced": (
        "Erstattet {round}: {relationships} relasjoner skrevet, {deleted} slettet.",
        "Replaced {round}: {relationships} relationships written, {deleted} deleted.",
    ),
    "import_unchanged": (
        "{round} er alt lastet inn med de samme dataene; ingenting ble skrevet.",
        "{round} is already loaded with identical data; nothing was written.",
    ),
    "import_exists": (
        "{round} er alt lastet inn med andre data; kryss av for å erstatte den. Ingenting ble skrevet.",
        "{round} is already loaded with different data; tick replace to swap it. Nothing was written.",
    ),
    "import_incomplete": (
        "Databasen forsvant under lagringen; runden kan være skrevet eller ikke. Last inn igjen (like data er da "
        "uendret).",
        "The database went away while committing; the round may or may not be written. Load again (identical "
        "data is then left as it is).",
    ),
    "import_interrupted": (
        "Innlastingen ble avbrutt; ingenting ble skrevet. Prøv igjen.",
        "The load was interrupted; nothing was written. Try again.",
    ),
    "import_disabled": (
        "Import er slått av: dashbordet lytter på {host} uten innlogging, så alle som når det kunne skrive til "
        "databasen. Start det på 127.0.0.1, eller sett NETKART_DASH_USER og NETKART_DASH_PASSWORD.",
        "Import is disabled: the dashboard listens on {host} without a login, so anyone who reaches it could write "
        "to the database. Serve it on 127.0.0.1, or set NETKART_DASH_USER and NETKART_DASH_PASSWORD.",
    ),
    "import_persons": ("Personer", "Persons"),
    "import_respondents": ("Svarte", "Respondents"),
    "import_contacts": ("Kontakter", "Contacts"),
    "import_political_contacts": ("Politisk kontakt", "Political contacts"),
    "import_political_count": ("{contacts} kontakter med {bodies} organer", "{contacts} contacts with {bodies} bodies"),
    "import_names": ("Navn", "Names"),
    "import_names_stored": ("lagres", "stored"),
    "import_names_not_stored": ("lagres ikke", "not stored"),
    "import_read": ("Lest", "Read"),
    "import_file": ("Fil", "File"),
    "import_row": ("Rad", "Row"),
    "import_column": ("Kolonne", "Column"),
    "import_message": ("Problem", "Problem"),
    "import_expected": ("Forventet", "Expected"),
    # presentation and exports (issue 11)
    "municipalities": ("Kommuner", "Municipalities"),
    "present": ("Presentasjon", "Present"),
    "present_exit": ("Avslutt presentasjon (Esc)", "Leave presentation (Esc)"),
    "present_keys": (
        "← → terskel · ↑ ↓ runde · F fullskjerm · Esc tilbake",
        "← → threshold · ↑ ↓ round · F full screen · Esc back",
    ),
    "political_picture": ("politisk", "political"),
    # A dropdown's own texts (Dash's Dropdown ``labels``; {num_selected} is filled in by Dash).
    "dropdown_select_all": ("Velg alle", "Select all"),
    "dropdown_deselect_all": ("Fjern alle", "Deselect all"),
    "dropdown_selected_count": ("{num_selected} valgt", "{num_selected} selected"),
    "dropdown_search": ("Søk", "Search"),
    "dropdown_clear_search": ("Tøm søket", "Clear search"),
    "dropdown_clear_selection": ("Fjern valget", "Clear selection"),
    "dropdown_no_options_found": ("Ingen treff", "No options found"),
    "picture_source": ("Kilde: netkart · spørreundersøkelse {rounds}", "Source: netkart · survey {rounds}"),
    # addresses, rounds change, political (issue 11)
    "person_changes": ("Hvem endret seg", "Who changed"),
    "change_joined": ("Kom inn i nettverket", "Joined the network"),
    "change_left": ("Gikk ut av nettverket", "Left the network"),
    "change_isolated": ("Ble isolert", "Became isolated"),
    "change_no_longer_isolated": ("Er ikke lenger isolert", "No longer isolated"),
    "change_bridge_builder": ("Ble brobygger", "Became a bridge-builder"),
    "change_no_longer_bridge_builder": ("Er ikke lenger brobygger", "No longer a bridge-builder"),
    "political_title": (
        "{in_contact} av {persons} personer har kontakt med politikere",
        "{in_contact} of {persons} persons have contact with politicians",
    ),
    "nobody_changed": ("Ingen personer endret seg.", "Nobody changed."),
    "click_to_highlight": (
        "Klikk på en person for å fremheve dem i alle tre grafene.",
        "Click a person to highlight them in all three graphs.",
    ),
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
