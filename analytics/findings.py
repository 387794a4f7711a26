"""Plain-language findings of a view and of a comparison, in bokmål ('nb') and English ('en').

Each sentence is produced only when the measures support it, and every number, function
and shape in it is read from the measures (the :func:`analytics.metrics.compute_metrics`
table); nothing is canned. The words are netkart's vocabulary: *part* (del) for what the
picture shows as separate, *group* (gruppe) for a community, *bridge-builder* (brobygger).
Counts of persons are written in words (:func:`analytics.text.in_words`). The sentences come
from one set of format strings per language (:data:`TEMPLATES`). The rules:

- **isolation**: when at least one person has no tie at the threshold: "eleven of thirty-four
  persons have no daily contact with anyone in the network", plus "most of them cover
  services" when one primary function holds more than half of at least two isolates ("all of
  them" when it holds all).
- **parts**: when there are at least two parts: how many, with no contact between them.
- **ideal type** (:mod:`analytics.ideal_types`): "each of the three parts most resembles a
  line" when every part has three persons or more and all get the same label; otherwise "the
  network most resembles a star" for the largest part ("the largest part (… of … persons)"
  when it is not the whole roster), "mixes the ideal types; closest to …" when it is mixed;
  nothing when there is no part of three.
- **groups and bridge-builders** (:mod:`analytics.groups`, :mod:`analytics.bridge_builders`):
  "the network has three groups" when there are at least two; then "contact between the three
  groups runs through two bridge-builders" when taking the bridge-builders out leaves no two
  groups connected, else, when there are bridge-builders, how many and the fewest persons any
  of them cuts off.
- **periphery**: the primary function whose members have the lowest mean degree is "at the
  periphery" when that mean is below :data:`PERIPHERY_RATIO` (one half) of the mean degree
  of everyone else, and at least two functions are present.
- **within-function integration**: for each function with at least
  :data:`MIN_FUNCTION_SIZE` (3) members of whom at least one, and at least
  :data:`MIN_APART_SHARE` (a quarter), have no tie to another member:
  "eight of thirteen in services have no daily contact with anyone else in services".
- **political contact**: when anyone reports contact with a political body: how many, which
  body most of them reach (anonymised unless ``show_names``), and the most common kind.
- comparison: **isolation** fell/rose/stayed (always), **persons** joined/left (when any),
  **ties** new/dropped/kept (always), **bridge-builders** changed (when any gained or lost;
  "the same k persons" when unchanged and k > 0), **QAP** correlation (when defined).
"""

from __future__ import annotations

from collections import Counter
from statistics import mean

import networkx as nx

from analytics.anonymise import body_labels, function_label
from analytics.ideal_types import ideal_type
from analytics.text import LANGUAGES, in_words, number
from analytics.view import View
from cypher.model import CONTACT_TYPE_LABELS

__all__ = [
    "MIN_APART_SHARE",
    "MIN_FUNCTION_SIZE",
    "PERIPHERY_RATIO",
    "TEMPLATES",
    "comparison_findings",
    "view_findings",
]

#: A function's mean degree below this share of the others' puts it at the periphery.
PERIPHERY_RATIO = 0.5

#: Functions smaller than this get no within-function sentence.
MIN_FUNCTION_SIZE = 3

#: Share of a function's members apart from the rest of it that is worth a sentence.
MIN_APART_SHARE = 0.25

#: Every word and format string of the findings, one set per language. A pair is
#: (singular, plural), chosen by the count the sentence is about.
TEMPLATES: dict[str, dict[str, str | tuple[str, str]]] = {
    "en": {
        "daily": "daily",
        "weekly": "weekly",
        "monthly": "monthly",
        "person": ("person", "persons"),
        "tie": ("tie", "ties"),
        "part": ("part", "parts"),
        "group": ("group", "groups"),
        "bridge_builder": ("bridge-builder", "bridge-builders"),
        "star": "a star",
        "circle": "a circle",
        "line": "a line",
        "have": ("has", "have"),
        "isolation": "{isolated} of {persons} {have} no {threshold} contact with anyone in the network",
        "isolation_all": "; all of them cover {function}",
        "isolation_most": "; most of them cover {function}",
        "parts": "the persons with {threshold} contact fall into {parts} with no {threshold} contact between them",
        "the_network": "the network",
        "largest_part": "the largest part ({size} of {persons})",
        "resembles": "{subject} most resembles {shape}",
        "each_part": "each of the {count} parts most resembles {shape}",
        "mixed": "{subject} mixes the ideal types; it comes closest to {shape}",
        "groups": "the network has {groups}",
        "through": "contact between the {count} groups runs through {builders}",
        "builders": (
            "{builders} is a bridge-builder: if they left, at least {cut} would lose contact with the rest "
            "of their part",
            "{builders} are bridge-builders: if one of them left, at least {cut} would lose contact with the rest "
            "of their part",
        ),
        "periphery": "{function} sits at the periphery: {members} with {inside} ties on average, "
        "against {outside} for everyone else",
        "within": "{apart} of {members} in {function} {have} no {threshold} contact with anyone else in {function}",
        "political_all": "all {persons}",
        "political_some": "{reached} of {persons}",
        "political": "{who} have contact with political bodies, most of them ({count}) with {body}; "
        "the most common kind of contact is {kind}",
        "isolation_same": "isolation stayed at {after} without {threshold} contact in both {first} and {second}",
        "isolation_fell": "isolation fell from {before} to {after} without {threshold} contact between {first} and "
        "{second}",
        "isolation_rose": "isolation rose from {before} to {after} without {threshold} contact between {first} and "
        "{second}",
        "joined": "{persons} joined the network",
        "left": "{persons} left the network",
        "and": " and ",
        "ties": "{new} appeared and {dropped} disappeared between {first} and {second}; {kept} stayed",
        "ties_same": "the ties were the same in {first} and {second}",
        "builders_changed": "the bridge-builders changed: {changes}",
        "became": ("{persons} became a bridge-builder", "{persons} became bridge-builders"),
        "no_longer": ("{persons} is no longer a bridge-builder", "{persons} are no longer bridge-builders"),
        "builders_same": (
            "the same person was a bridge-builder in {first} and {second}",
            "the same {count} persons were bridge-builders in {first} and {second}",
        ),
        "qap_test": " (QAP p = {p})",
        "qap": "the two networks correlate at r = {r}{test} over the {count} persons in both rounds",
    },
    "nb": {
        "daily": "daglig",
        "weekly": "ukentlig",
        "monthly": "månedlig",
        "person": ("person", "personer"),
        "tie": ("kontakt", "kontakter"),
        "part": ("del", "deler"),
        "group": ("gruppe", "grupper"),
        "bridge_builder": ("brobygger", "brobyggere"),
        "star": "en stjerne",
        "circle": "en sirkel",
        "line": "en linje",
        "have": ("har", "har"),
        "isolation": "{isolated} av {persons} {have} ingen {threshold} kontakt med noen i nettverket",
        "isolation_all": "; alle arbeider med {function}",
        "isolation_most": "; de fleste av dem arbeider med {function}",
        "parts": "personene med {threshold} kontakt fordeler seg på {parts} uten {threshold} kontakt seg imellom",
        "the_network": "nettverket",
        "largest_part": "den største delen ({size} av {persons})",
        "resembles": "{subject} ligner mest på {shape}",
        "each_part": "hver av de {count} delene ligner mest på {shape}",
        "mixed": "{subject} er en blanding av idealtypene, nærmest {shape}",
        "groups": "nettverket har {groups}",
        "through": "kontakten mellom de {count} gruppene går gjennom {builders}",
        "builders": (
            "{builders} er brobygger: om vedkommende sluttet, ville minst {cut} miste kontakten med resten av sin del",
            "{builders} er brobyggere: om én av dem sluttet, ville minst {cut} miste kontakten med resten av sin del",
        ),
        "periphery": "{function} ligger i periferien: {members} med {inside} kontakter i snitt, mot {outside} for de "
        "andre",
        "within": "{apart} av {members} innen {function} {have} ingen {threshold} kontakt med andre innen {function}",
        "political_all": "alle {persons}",
        "political_some": "{reached} av {persons}",
        "political": "{who} har kontakt med politiske organer, flest ({count}) med {body}; "
        "den vanligste kontakten er {kind}",
        "isolation_same": "isolasjonen var uendret, {after} uten {threshold} kontakt både i {first} og {second}",
        "isolation_fell": "isolasjonen gikk ned fra {before} til {after} uten {threshold} kontakt mellom {first} og "
        "{second}",
        "isolation_rose": "isolasjonen økte fra {before} til {after} uten {threshold} kontakt mellom {first} og "
        "{second}",
        "joined": "{persons} kom inn i nettverket",
        "left": "{persons} gikk ut av nettverket",
        "and": " og ",
        "ties": "{new} kom til og {dropped} falt bort mellom {first} og {second}; {kept} besto",
        "ties_same": "kontaktene var de samme i {first} og {second}",
        "builders_changed": "brobyggerne endret seg: {changes}",
        "became": ("{persons} ble brobygger", "{persons} ble brobyggere"),
        "no_longer": ("{persons} er ikke lenger brobygger", "{persons} er ikke lenger brobyggere"),
        "builders_same": (
            "den samme personen var brobygger i {first} og {second}",
            "de samme {count} personene var brobyggere i {first} og {second}",
        ),
        "qap_test": " (QAP p = {p})",
        "qap": "nettverkene korrelerer med r = {r}{test} for de {count} personene som var med i begge rundene",
    },
}


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected 'nb' or 'en'")


def _word(key: str, lang: str, count: int = 2) -> str:
    """The template or word ``key``; a (singular, plural) pair is chosen by ``count``."""
    entry = TEMPLATES[lang][key]
    return entry if isinstance(entry, str) else entry[0 if count == 1 else 1]


def _say(key: str, lang: str, count: int = 2, /, **values: str) -> str:
    return _word(key, lang, count).format(**values)


def _counted(count: int, noun: str, lang: str) -> str:
    """Count in words and noun: "three persons", "én del"."""
    return f"{in_words(count, lang)} {_word(noun, lang, count)}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _isolation(view: View, metrics: dict, lang: str) -> list[str]:
    isolated = metrics["isolates"]
    if not isolated:
        return []
    k = len(isolated)
    text = _say(
        "isolation",
        lang,
        isolated=in_words(k, lang),
        persons=_counted(metrics["nodes"], "person", lang),
        have=_word("have", lang, k),
        threshold=_word(view.threshold, lang),
    )
    key, count = Counter(view.person_by_id[p].primary_function for p in isolated).most_common(1)[0]
    if k >= 2 and 2 * count > k:
        text += _say("isolation_all" if count == k else "isolation_most", lang, function=function_label(key, lang))
    return [_sentence(text)]


def _parts(view: View, metrics: dict, lang: str) -> list[str]:
    count = len(metrics["parts"])
    if count < 2:
        return []
    threshold = _word(view.threshold, lang)
    return [_sentence(_say("parts", lang, threshold=threshold, parts=_counted(count, "part", lang)))]


def _shared_shape(view: View, metrics: dict) -> str | None:
    """The ideal type every part resembles, when there are several parts of three or more."""
    sizes = metrics["parts"]
    if len(sizes) < 2 or min(sizes) < 3:
        return None
    labels = {ideal_type(view.graph.subgraph(part))["label"] for part in metrics["part_members"]}
    return labels.pop() if len(labels) == 1 and labels <= {"star", "circle", "line"} else None


def _ideal_type(view: View, metrics: dict, lang: str) -> list[str]:
    shared = _shared_shape(view, metrics)
    if shared is not None:
        count = in_words(len(metrics["parts"]), lang)
        return [_sentence(_say("each_part", lang, count=count, shape=_word(shared, lang)))]
    found = metrics["ideal_type"]
    label, size = found["label"], found["part_size"]
    if label is None:
        return []
    n = metrics["nodes"]
    subject = (
        _word("the_network", lang)
        if size == n
        else _say("largest_part", lang, size=in_words(size, lang), persons=_counted(n, "person", lang))
    )
    if label != "mixed":
        return [_sentence(_say("resembles", lang, subject=subject, shape=_word(label, lang)))]
    scores = found["scores"]
    closest = _word(max(scores, key=lambda t: scores[t]), lang)
    return [_sentence(_say("mixed", lang, subject=subject, shape=closest))]


def _runs_through(graph: nx.Graph, groups: list[list[str]], removed: list[str]) -> bool:
    """Whether the groups share one part and no two stay connected without ``removed``."""
    if any(not nx.has_path(graph, groups[0][0], group[0]) for group in groups[1:]):
        return False
    rest = graph.subgraph(p for p in graph if p not in set(removed))
    piece = {p: i for i, found in enumerate(nx.connected_components(rest)) for p in found}
    pieces = [{piece[p] for p in group if p in piece} for group in groups]
    return all(not (a & b) for i, a in enumerate(pieces) for b in pieces[i + 1 :])


def _groups_and_bridge_builders(view: View, metrics: dict, lang: str) -> list[str]:
    groups, builders = metrics["groups"], metrics["bridge_builders"]
    sentences = []
    # Louvain cuts any long chain into pieces of similar size: in a line-like network the
    # groups are an artefact, not denser contact, so they are not spoken of.
    lines = "line" in (metrics["ideal_type"]["label"], _shared_shape(view, metrics))
    if len(groups) >= 2 and not lines:
        sentences.append(_sentence(_say("groups", lang, groups=_counted(len(groups), "group", lang))))
    if not builders:
        return sentences
    if len(groups) >= 2 and not lines and _runs_through(view.graph, groups, builders):
        through = _counted(len(builders), "bridge_builder", lang)
        sentences.append(_sentence(_say("through", lang, count=in_words(len(groups), lang), builders=through)))
    else:
        cut = min(metrics["persons"][p]["cut_off"] for p in builders)
        sentences.append(
            _sentence(
                _say(
                    "builders",
                    lang,
                    len(builders),
                    builders=_counted(len(builders), "person", lang),
                    cut=_counted(cut, "person", lang),
                )
            )
        )
    return sentences


def _periphery(view: View, metrics: dict, lang: str) -> list[str]:
    degree = {pid: row["degree"] for pid, row in metrics["persons"].items()}
    by_function: dict[str, list[int]] = {}
    for person in view.persons:
        by_function.setdefault(person.primary_function, []).append(degree[person.person_id])
    if len(by_function) < 2:
        return []
    key = min(sorted(by_function), key=lambda f: mean(by_function[f]))
    inside = mean(by_function[key])
    outside = mean(d for f, values in by_function.items() if f != key for d in values)
    if not inside < PERIPHERY_RATIO * outside:
        return []
    text = _say(
        "periphery",
        lang,
        function=function_label(key, lang),
        members=_counted(len(by_function[key]), "person", lang),
        inside=number(inside, lang),
        outside=number(outside, lang),
    )
    return [_sentence(text)]


def _within_functions(view: View, metrics: dict, lang: str) -> list[str]:
    sentences = []
    for key, group in metrics["functions"].items():
        apart, m = len(group["isolated_within"]), group["members"]
        if m < MIN_FUNCTION_SIZE or apart == 0 or apart < MIN_APART_SHARE * m:
            continue
        text = _say(
            "within",
            lang,
            apart=in_words(apart, lang),
            members=in_words(m, lang),
            function=function_label(key, lang),
            have=_word("have", lang, apart),
            threshold=_word(view.threshold, lang),
        )
        sentences.append(_sentence(text))
    return sentences


def _political(metrics: dict, lang: str, show_names: bool) -> list[str]:
    summary = metrics["political"]
    k, n = summary["persons_in_contact"], summary["persons"]
    if k == 0:
        return []
    body = max(summary["bodies"], key=lambda b: b["persons"])
    name = (
        body["name"]
        if show_names
        else body_labels(((b["name"], b["kind"]) for b in summary["bodies"]), lang)[body["name"]]
    )
    kinds = summary["by_type"]
    persons = _counted(n, "person", lang)
    who = (
        _say("political_all", lang, persons=persons)
        if k == n
        else _say("political_some", lang, reached=in_words(k, lang), persons=persons)
    )
    kind = CONTACT_TYPE_LABELS[lang][max(kinds, key=lambda t: kinds[t])]
    return [_sentence(_say("political", lang, who=who, count=in_words(body["persons"], lang), body=name, kind=kind))]


def view_findings(view: View, metrics: dict, lang: str, *, show_names: bool = False) -> list[str]:
    """Findings of one view from its :func:`analytics.metrics.compute_metrics` dict.

    Parameters
    ----------
    view : View
        The view the metrics were computed on (for functions and the shapes of parts).
    metrics : dict
        ``compute_metrics(view, political)``.
    lang : {'nb', 'en'}
    show_names : bool
        Name committees as they are called; by default they are "Utvalg 1", ...
        (:func:`analytics.anonymise.body_labels`).

    Returns
    -------
    list of str
        Sentences in the order isolation, parts, ideal type, groups and bridge-builders,
        periphery, within-function integration, political contact; each only when its rule
        holds (see the module docstring). Never a person's name.
    """
    _check(lang)
    return [
        *_isolation(view, metrics, lang),
        *_parts(view, metrics, lang),
        *_ideal_type(view, metrics, lang),
        *_groups_and_bridge_builders(view, metrics, lang),
        *_periphery(view, metrics, lang),
        *_within_functions(view, metrics, lang),
        *_political(metrics, lang, show_names),
    ]


def _ties(count: int, lang: str) -> str:
    return f"{count} {_word('tie', lang, count)}"


def comparison_findings(comparison: dict, lang: str) -> list[str]:
    """Findings of a :func:`analytics.compare.compare_views` result.

    Sentences in the order isolation, persons joined/left, ties, bridge-builders, QAP
    correlation; see the module docstring for when each appears.
    """
    _check(lang)
    rounds = {"first": comparison["round_from"], "second": comparison["round_to"]}
    threshold = _word(comparison["threshold"], lang)
    before, after = comparison["metrics"]["from"]["isolates"], comparison["metrics"]["to"]["isolates"]
    counts = comparison["counts"]
    key = "isolation_same" if before == after else "isolation_fell" if after < before else "isolation_rose"
    sentences = [
        _sentence(
            _say(
                key,
                lang,
                before=in_words(before, lang),
                after=_counted(after, "person", lang),
                threshold=threshold,
                **rounds,
            )
        )
    ]

    moves = [
        _say(key, lang, persons=_counted(counts[column], "person", lang))
        for key, column in (("joined", "persons_joined"), ("left", "persons_left"))
        if counts[column]
    ]
    if moves:
        sentences.append(_sentence(_word("and", lang).join(moves)))

    new, dropped, kept = counts["ties_new"], counts["ties_dropped"], counts["ties_stable"]
    if new or dropped:
        sentences.append(
            _sentence(_say("ties", lang, new=_ties(new, lang), dropped=str(dropped), kept=str(kept), **rounds))
        )
    else:
        sentences.append(_sentence(_say("ties_same", lang, **rounds)))

    gained, lost = len(comparison["bridge_builders_gained"]), len(comparison["bridge_builders_lost"])
    builders = comparison["metrics"]["to"]["bridge_builders"]
    if gained or lost:
        changes = [
            _say(key, lang, count, persons=_counted(count, "person", lang))
            for key, count in (("became", gained), ("no_longer", lost))
            if count
        ]
        sentences.append(_sentence(_say("builders_changed", lang, changes="; ".join(changes))))
    elif builders:
        sentences.append(_sentence(_say("builders_same", lang, builders, count=in_words(builders, lang), **rounds)))

    r, p = comparison["qap_correlation"], comparison["qap_p_value"]
    if r is not None:
        test = _say("qap_test", lang, p=number(p, lang, 3)) if p is not None else ""
        persons = in_words(comparison["qap_persons"], lang)
        sentences.append(_sentence(_say("qap", lang, r=number(r, lang, 2), test=test, count=persons)))
    return sentences
