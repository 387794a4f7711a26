"""The one door from ``report`` into analytics' measures: everything a report states, by name.

Every metric key, comparison key and analytics helper that ``report`` relies on is read here
and nowhere else, so that a renamed key (issue 9's vocabulary: ``parts``, ``bridge_builders``,
``cut_points``) is switched in one place. The rest of ``report`` uses :class:`ViewFacts` and
:class:`Change`'s attributes.

Vocabulary (``docs/metrics.md``): a *part* is a connected piece of the undirected view with at
least two persons (isolates are no part); an *isolate* has no tie at the threshold; a
*bridge-builder* is the person whose leaving cuts persons off; a *cut point* is any
articulation point.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from analytics import anonymise
from analytics.compare import compare_views, person_changes
from analytics.findings import comparison_findings, view_findings
from analytics.ideal_types import ideal_type
from analytics.metrics import compute_metrics
from analytics.view import View
from cypher.model import MunicipalityInfo, PoliticalContact

__all__ = [
    "Change",
    "ViewFacts",
    "body_labels",
    "change_facts",
    "municipality_labels",
    "view_facts",
]

# -- the key names of analytics' vocabulary (docs/metrics.md) ----------------------------------
#: ``compute_metrics`` key of the bridge-builders' ids.
BRIDGE_BUILDERS = "bridge_builders"
#: Per-person flag of a bridge-builder.
IS_BRIDGE_BUILDER = "is_bridge_builder"
#: ``compute_metrics`` key of the cut points' ids.
CUT_POINTS = "cut_points"
#: ``compare_views`` keys of bridge-builders gained and lost.
BRIDGE_BUILDERS_GAINED = "bridge_builders_gained"
BRIDGE_BUILDERS_LOST = "bridge_builders_lost"


def _parts(view: View, metrics: dict) -> list[list[str]]:
    """Parts (>= 2 persons) as sorted id lists, largest first."""
    del view
    return metrics["part_members"]


def municipality_labels(infos: Sequence[MunicipalityInfo]) -> dict[str, str]:
    """Name → anonymised label (:func:`analytics.anonymise.municipality_labels`)."""
    return anonymise.municipality_labels(infos)


def body_labels(contacts: Iterable[PoliticalContact], lang: str) -> dict[str, str]:
    """Body key → anonymised label (:func:`analytics.anonymise.body_labels`, which is by name)."""
    return anonymise.body_key_labels(((c.body_key, c.body_name, c.body_kind) for c in contacts), lang)


@dataclass(frozen=True)
class ViewFacts:
    """What a report says about one view, in the report's vocabulary."""

    view: View
    metrics: dict
    findings: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...]
    part_shapes: tuple[str | None, ...]
    isolates: tuple[str, ...]
    bridge_builders: tuple[str, ...]
    cut_points: tuple[str, ...]
    betweenness: dict[str, float] = field(repr=False)

    @property
    def persons(self) -> int:
        return self.metrics["nodes"]

    @property
    def respondents(self) -> int:
        return self.metrics["respondents"]

    @property
    def ties(self) -> int:
        return self.metrics["ties"]

    @property
    def density(self) -> float | None:
        return self.metrics["density"]

    @property
    def centralisation(self) -> float | None:
        """Freeman's degree centralisation of the view."""
        return self.metrics["degree_centralization"]

    @property
    def ideal_type(self) -> dict:
        """``{"label", "scores", "part_size"}`` of the largest part."""
        return self.metrics["ideal_type"]

    @property
    def function_ei(self) -> dict[str, float | None]:
        """Primary function → its E–I index (Krackhardt & Stern)."""
        return {key: row["ei_index"] for key, row in self.metrics["functions"].items()}

    @property
    def apart_within(self) -> dict[str, tuple[int, int]]:
        """Primary function → (members without a tie to another member, members)."""
        return {key: (len(row["isolated_within"]), row["members"]) for key, row in self.metrics["functions"].items()}

    @property
    def political(self) -> dict:
        return self.metrics["political"]


def view_facts(view: View, political: Iterable[PoliticalContact], lang: str) -> ViewFacts:
    """Measures and findings of ``view`` (political contacts of its round included)."""
    metrics = compute_metrics(view, tuple(political))
    parts = _parts(view, metrics)
    shapes = tuple(ideal_type(view.graph.subgraph(part))["label"] for part in parts)
    return ViewFacts(
        view=view,
        metrics=metrics,
        findings=tuple(view_findings(view, metrics, lang)),
        parts=tuple(tuple(part) for part in parts),
        part_shapes=shapes,
        isolates=tuple(metrics["isolates"]),
        bridge_builders=tuple(metrics[BRIDGE_BUILDERS]),
        cut_points=tuple(metrics[CUT_POINTS]),
        betweenness=dict(metrics["betweenness"]),
    )


@dataclass(frozen=True)
class Change:
    """Round-to-round change of one municipality at one threshold, by person id.

    ``isolated`` … ``bridge_builders_gone`` hold persons present in both rounds only
    (:func:`analytics.compare.person_changes`).
    """

    threshold: str
    comparison: dict = field(repr=False)
    findings: tuple[str, ...]
    joined: tuple[str, ...]
    left: tuple[str, ...]
    isolated: tuple[str, ...]
    no_longer_isolated: tuple[str, ...]
    bridge_builders_new: tuple[str, ...]
    bridge_builders_gone: tuple[str, ...]

    @property
    def isolate_counts(self) -> tuple[int, int]:
        """Isolates in the earlier and in the later round."""
        head = self.comparison["metrics"]
        return head["from"]["isolates"], head["to"]["isolates"]

    @property
    def rounds(self) -> tuple[str, str]:
        return self.comparison["round_from"], self.comparison["round_to"]

    @property
    def qap(self) -> tuple[float | None, float | None, int, int]:
        """QAP correlation, its p-value, the persons in both rounds and the permutations."""
        c = self.comparison
        return c["qap_correlation"], c["qap_p_value"], c["qap_persons"], c["qap_permutations"]

    def ties(self, kind: str) -> list[tuple[str, str]]:
        """Ties ``"new"``, ``"dropped"`` or ``"stable"`` between the rounds, as id pairs."""
        return [(u, v) for u, v in self.comparison[f"ties_{kind}"]]


def change_facts(before: View, after: View, lang: str, *, permutations: int = 1000) -> Change:
    """:func:`analytics.compare.compare_views` of two rounds at one threshold, by name."""
    comparison = compare_views(before, after, permutations=permutations)
    # Role changes of persons present in both rounds only (analytics' one definition).
    persons = person_changes(comparison)
    return Change(
        threshold=after.threshold,
        comparison=comparison,
        # The QAP figures go to the appendix, not into the note's sentences.
        findings=tuple(comparison_findings({**comparison, "qap_correlation": None}, lang)),
        joined=tuple(persons["joined"]),
        left=tuple(persons["left"]),
        isolated=tuple(persons["isolated"]),
        no_longer_isolated=tuple(persons["no_longer_isolated"]),
        bridge_builders_new=tuple(persons["bridge_builder"]),
        bridge_builders_gone=tuple(persons["no_longer_bridge_builder"]),
    )
