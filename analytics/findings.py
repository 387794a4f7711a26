"""Plain-language findings of a view and of a comparison, in bokmål ('nb') and English ('en').

Each sentence is produced only when the measures support it, and every number, function
and shape in it is read from the measures; nothing is canned. The rules, with their
thresholds:

- **isolation**: when at least one person has no tie at the threshold: "11 of 34 persons have
  no daily contact with anyone in the network", plus "most of them cover services" when
  one primary function holds more than half of at least two isolates ("all of them" when it
  holds all).
- **clusters and brokers** (:mod:`analytics.clusters`): when there are at least two clusters:
  how many, and in how many unconnected parts; then, when the clusters in one part are
  linked through at most :data:`MAX_BROKERS` persons, "contact between the three clusters
  runs through two persons".
- **ideal type** (:mod:`analytics.ideal_types`): "the network most resembles a star" when
  the largest cluster is labelled star, circle or line ("the largest cluster (…) most
  resembles" when it is not the whole roster); "mixes the ideal types; closest to …" when
  it is mixed; nothing when there is no cluster of three.
- **periphery**: the primary function whose members have the lowest mean degree is "at the
  periphery" when that mean is below :data:`PERIPHERY_RATIO` (one half) of the mean degree
  of everyone else, and at least two functions are present.
- **within-function integration**: for each function with at least
  :data:`MIN_FUNCTION_SIZE` (3) members of whom at least one, and at least
  :data:`MIN_APART_SHARE` (a quarter), have no tie to another member:
  "8 of 13 in services have no daily contact with anyone else in services".
- **political contact**: when anyone reports contact with a political body: how many, which
  body most of them reach, and the most common kind of contact.
- comparison: **isolation** fell/rose/stayed (always), **persons** joined/left (when any),
  **ties** new/dropped/kept (always), **brokers** changed (when any gained or lost; "the same
  k persons" when unchanged and k > 0), **QAP** correlation (when defined).
"""

from __future__ import annotations

from collections import Counter
from statistics import mean

import networkx as nx

from analytics.anonymise import function_label
from analytics.clusters import cluster_brokers, clusters
from analytics.view import View
from cypher.model import CONTACT_TYPE_LABELS

__all__ = [
    "MAX_BROKERS",
    "MIN_APART_SHARE",
    "MIN_FUNCTION_SIZE",
    "PERIPHERY_RATIO",
    "comparison_findings",
    "view_findings",
]

#: At most this many brokers make "contact runs through k persons" worth saying.
MAX_BROKERS = 3

#: A function's mean degree below this share of the others' puts it at the periphery.
PERIPHERY_RATIO = 0.5

#: Functions smaller than this get no within-function sentence.
MIN_FUNCTION_SIZE = 3

#: Share of a function's members apart from the rest of it that is worth a sentence.
MIN_APART_SHARE = 0.25

_THRESHOLD_WORDS = {
    "nb": {"daily": "daglig", "weekly": "ukentlig", "monthly": "månedlig"},
    "en": {"daily": "daily", "weekly": "weekly", "monthly": "monthly"},
}
_NUMBER_WORDS = {
    "nb": ("null", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}
_SHAPES = {
    "nb": {"star": "en stjerne", "circle": "en sirkel", "line": "en linje"},
    "en": {"star": "a star", "circle": "a circle", "line": "a line"},
}
_NOUNS = {
    "nb": {
        "person": ("person", "personer"),
        "tie": ("kontakt", "kontakter"),
        "cluster": ("klynge", "klynger"),
        "part": ("del", "deler"),
        "broker": ("brobygger", "brobyggere"),
    },
    "en": {
        "person": ("person", "persons"),
        "tie": ("tie", "ties"),
        "cluster": ("cluster", "clusters"),
        "part": ("part", "parts"),
        "broker": ("broker", "brokers"),
    },
}


def _check(lang: str) -> None:
    if lang not in _NOUNS:
        raise ValueError(f"unknown language {lang!r}; expected 'nb' or 'en'")


def _noun(count: int, noun: str, lang: str) -> str:
    singular, plural = _NOUNS[lang][noun]
    return singular if count == 1 else plural


def _counted(count: int, noun: str, lang: str, *, words: bool = False) -> str:
    """Count and noun: "3 persons"; with ``words`` and a count up to ten, "three persons"."""
    number = _NUMBER_WORDS[lang][count] if words and count <= 10 else str(count)
    return f"{number} {_noun(count, noun, lang)}"


def _decimal(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "nb" else text


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _isolation(view: View, metrics: dict, lang: str) -> list[str]:
    isolated = metrics["isolates"]
    if not isolated:
        return []
    k, n = len(isolated), metrics["nodes"]
    word = _THRESHOLD_WORDS[lang][view.threshold]
    if lang == "nb":
        text = f"{k} av {_counted(n, 'person', lang)} har ingen {word} kontakt med noen i nettverket"
    else:
        verb = "has" if k == 1 else "have"
        text = f"{k} of {_counted(n, 'person', lang)} {verb} no {word} contact with anyone in the network"
    key, count = Counter(view.person_by_id[p].primary_function for p in isolated).most_common(1)[0]
    if k >= 2 and 2 * count > k:
        label = function_label(key, lang)
        if lang == "nb":
            text += f"; {'alle' if count == k else 'de fleste av dem'} arbeider med {label}"
        else:
            text += f"; {'all' if count == k else 'most'} of them cover {label}"
    return [_sentence(text)]


def _clusters(view: View, lang: str) -> list[str]:
    graph = view.graph
    found = clusters(graph)
    if len(found) < 2:
        return []
    part_of = {p: i for i, component in enumerate(nx.connected_components(graph)) for p in component}
    parts = len({part_of[c[0]] for c in found})
    k = len(found)
    word = _THRESHOLD_WORDS[lang][view.threshold]
    if lang == "nb":
        text = f"nettverket har {_counted(k, 'cluster', lang, words=True)}"
        if parts > 1:
            text += f" i {_counted(parts, 'part', lang, words=True)} uten {word} kontakt seg imellom"
    else:
        text = f"the network has {_counted(k, 'cluster', lang, words=True)}"
        if parts > 1:
            text += f" in {_counted(parts, 'part', lang, words=True)} with no {word} contact between them"
    sentences = [_sentence(text)]
    brokers = cluster_brokers(graph, found, limit=MAX_BROKERS)
    if 0 < len(brokers) <= MAX_BROKERS:
        through = _counted(len(brokers), "person", lang, words=True)
        if lang == "nb":
            between = (
                f"de {_NUMBER_WORDS[lang][k] if k <= 10 else k} klyngene" if parts == 1 else "klynger som henger sammen"
            )
            sentences.append(_sentence(f"kontakten mellom {between} går gjennom {through}"))
        else:
            between = f"the {_counted(k, 'cluster', lang, words=True)}" if parts == 1 else "connected clusters"
            sentences.append(_sentence(f"contact between {between} runs through {through}"))
    return sentences


def _ideal_type(metrics: dict, lang: str) -> list[str]:
    shape = metrics["ideal_type"]
    label, size = shape["label"], shape["component_size"]
    if label is None:
        return []
    n = metrics["nodes"]
    if lang == "nb":
        subject = "nettverket" if size == n else f"den største klyngen ({size} av {n} personer)"
    else:
        subject = "the network" if size == n else f"the largest cluster ({size} of {n} persons)"
    if label != "mixed":
        verb = "ligner mest på" if lang == "nb" else "most resembles"
        return [_sentence(f"{subject} {verb} {_SHAPES[lang][label]}")]
    scores = shape["scores"]
    closest = _SHAPES[lang][max(scores, key=lambda t: scores[t])]
    if lang == "nb":
        return [_sentence(f"{subject} er en blanding av idealtypene, nærmest {closest}")]
    return [_sentence(f"{subject} mixes the ideal types; it comes closest to {closest}")]


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
    label, m = function_label(key, lang), len(by_function[key])
    if lang == "nb":
        return [
            _sentence(
                f"{label} ligger i periferien: {_counted(m, 'person', lang)} med {_decimal(inside, lang)} kontakter "
                f"i snitt, mot {_decimal(outside, lang)} for de andre"
            )
        ]
    return [
        _sentence(
            f"{label} sits at the periphery: {_counted(m, 'person', lang)} with {_decimal(inside, lang)} ties on "
            f"average, against {_decimal(outside, lang)} for everyone else"
        )
    ]


def _within_functions(view: View, metrics: dict, lang: str) -> list[str]:
    word = _THRESHOLD_WORDS[lang][view.threshold]
    sentences = []
    for key, group in metrics["functions"].items():
        apart, m = len(group["isolated_within"]), group["members"]
        if m < MIN_FUNCTION_SIZE or apart == 0 or apart < MIN_APART_SHARE * m:
            continue
        label = function_label(key, lang)
        if lang == "nb":
            text = f"{apart} av {m} innen {label} har ingen {word} kontakt med andre innen {label}"
        else:
            verb = "has" if apart == 1 else "have"
            text = f"{apart} of {m} in {label} {verb} no {word} contact with anyone else in {label}"
        sentences.append(_sentence(text))
    return sentences


def _political(metrics: dict, lang: str) -> list[str]:
    summary = metrics["political"]
    k, n = summary["persons_in_contact"], summary["persons"]
    if k == 0:
        return []
    body = max(summary["bodies"], key=lambda b: b["persons"])
    kinds = summary["by_type"]
    kind = CONTACT_TYPE_LABELS[lang][max(kinds, key=lambda t: kinds[t])]
    if lang == "nb":
        who = f"alle {n} personene" if k == n else f"{k} av {_counted(n, 'person', lang)}"
        return [
            _sentence(
                f"{who} har kontakt med politiske organer, flest med {body['name']} ({body['persons']}); "
                f"den vanligste kontakten er {kind}"
            )
        ]
    who = f"all {n} persons" if k == n else f"{k} of {_counted(n, 'person', lang)}"
    return [
        _sentence(
            f"{who} have contact with political bodies, most of them with {body['name']} ({body['persons']}); "
            f"the most common kind of contact is {kind}"
        )
    ]


def view_findings(view: View, metrics: dict, lang: str) -> list[str]:
    """Findings of one view from its :func:`analytics.metrics.compute_metrics` dict.

    Parameters
    ----------
    view : View
        The view the metrics were computed on (for functions and clusters).
    metrics : dict
        ``compute_metrics(view, political)``.
    lang : {'nb', 'en'}

    Returns
    -------
    list of str
        Sentences in the order isolation, clusters and brokers, ideal type, periphery,
        within-function integration, political contact; each only when its rule holds (see
        the module docstring). Never a person's name.
    """
    _check(lang)
    return [
        *_isolation(view, metrics, lang),
        *_clusters(view, lang),
        *_ideal_type(metrics, lang),
        *_periphery(view, metrics, lang),
        *_within_functions(view, metrics, lang),
        *_political(metrics, lang),
    ]


def comparison_findings(comparison: dict, lang: str) -> list[str]:
    """Findings of a :func:`analytics.compare.compare_views` result.

    Sentences in the order isolation, persons joined/left, ties, brokers, QAP correlation;
    see the module docstring for when each appears.
    """
    _check(lang)
    first, second = comparison["round_from"], comparison["round_to"]
    word = _THRESHOLD_WORDS[lang][comparison["threshold"]]
    before, after = comparison["metrics"]["from"]["isolates"], comparison["metrics"]["to"]["isolates"]
    counts = comparison["counts"]
    nb = lang == "nb"
    sentences = []

    without = (
        f"{_noun(after, 'person', lang)} uten {word} kontakt"
        if nb
        else f"{_noun(after, 'person', lang)} without {word} contact"
    )
    if before == after:
        sentences.append(
            f"Isolasjonen var uendret, {after} {without} både i {first} og {second}."
            if nb
            else f"Isolation stayed at {after} {without} in both {first} and {second}."
        )
    else:
        if nb:
            moved = "gikk ned" if after < before else "økte"
            sentences.append(f"Isolasjonen {moved} fra {before} til {after} {without} mellom {first} og {second}.")
        else:
            moved = "fell" if after < before else "rose"
            sentences.append(f"Isolation {moved} from {before} to {after} {without} between {first} and {second}.")

    joined, left = counts["persons_joined"], counts["persons_left"]
    joined_verb = "kom inn i nettverket" if nb else "joined the network"
    left_verb = "gikk ut av nettverket" if nb else "left the network"
    moves = [
        f"{_counted(count, 'person', lang)} {verb}"
        for count, verb in ((joined, joined_verb), (left, left_verb))
        if count
    ]
    if moves:
        sentences.append(_sentence(f" {'og' if nb else 'and'} ".join(moves)))

    new, dropped, kept = counts["ties_new"], counts["ties_dropped"], counts["ties_stable"]
    if new or dropped:
        sentences.append(
            f"{_counted(new, 'tie', lang)} kom til og {dropped} falt bort mellom {first} og {second}; {kept} besto."
            if nb
            else f"{_counted(new, 'tie', lang)} appeared and {dropped} disappeared between {first} and {second}; "
            f"{kept} stayed."
        )
    else:
        sentences.append(
            f"Kontaktene var de samme i {first} og {second}."
            if nb
            else f"The ties were the same in {first} and {second}."
        )

    gained, lost = len(comparison["brokers_gained"]), len(comparison["brokers_lost"])
    brokers = comparison["metrics"]["to"]["brokers"]
    if gained or lost:
        changes = []
        if gained:
            changes.append(
                f"{_counted(gained, 'person', lang)} {'ble' if nb else 'became'} {_noun(gained, 'broker', lang)}"
            )
        if lost:
            no_longer = "er ikke lenger" if nb else ("is no longer a" if lost == 1 else "are no longer")
            changes.append(f"{_counted(lost, 'person', lang)} {no_longer} {_noun(lost, 'broker', lang)}")
        sentences.append(
            _sentence(f"{'brobyggerne endret seg' if nb else 'the brokers changed'}: {'; '.join(changes)}")
        )
    elif brokers:
        sentences.append(
            f"De samme brobyggerne ({brokers}) var med i {first} og {second}."
            if nb
            else f"The same {_counted(brokers, 'person', lang)} {'was a broker' if brokers == 1 else 'were brokers'} "
            f"in {first} and {second}."
        )

    r, p = comparison["qap_correlation"], comparison["qap_p_value"]
    if r is not None:
        test = f" (QAP p = {_decimal(p, lang, 3)})" if p is not None else ""
        persons = comparison["qap_persons"]
        sentences.append(
            f"Nettverkene korrelerer med r = {_decimal(r, lang, 2)}{test} for de {persons} personene som var med "
            f"i begge rundene."
            if nb
            else f"The two networks correlate at r = {_decimal(r, lang, 2)}{test} over the {persons} persons in "
            f"both rounds."
        )
    return sentences
