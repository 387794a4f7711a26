// Bridge-builders of a view
// Cut points of the undirected view at the threshold whose leaving cuts off many persons:
// cut_off = persons of their part, other than themselves, outside the largest piece left
// when they are removed; a bridge-builder has cut_off >= max(2, ceil(0.2 * n)), n = roster
// size (analytics.bridge_builders: MIN_CUT_OFF = 2, BRIDGE_SHARE = 0.2; docs/metrics.md).
// GDS articulation points on a projection of the view, then for each cut point GDS WCC on a
// projection without them. Needs GDS (fallback in analytics.store).
// Parameters: $municipality, $round, $threshold ('daily' | 'weekly' | 'monthly').
// Returns: person_id, cut_off; most cut off first.
:params {municipality: "Fjordvik", round: "2013", threshold: "weekly"};
WITH ['DAILY', 'WEEKLY', 'MONTHLY'][..CASE $threshold WHEN 'daily' THEN 1 WHEN 'weekly' THEN 2 WHEN 'monthly' THEN 3 END] AS types
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
MATCH (p:Person)-[:IN_ROUND]->(r)
OPTIONAL MATCH (p)-[t]-(q:Person)-[:IN_ROUND]->(r)
WHERE type(t) IN types AND t.round = $round AND p.person_id < q.person_id
// One undirected relationship per tied pair (union rule); a person without ties to higher
// ids comes as (p, null) and is projected anyway.
WITH DISTINCT types, r, p, q
// Uniquely named in-memory graphs, dropped below: projecting and dropping run read-only.
WITH types, r, gds.graph.project('netkart-' + randomUUID(), p, q, {}, {undirectedRelationshipTypes: ['*']}) AS graph
WHERE graph IS NOT NULL
CALL (graph) {
  CALL gds.articulationPoints.stream(graph.graphName) YIELD nodeId
  RETURN collect(gds.util.asNode(nodeId)) AS cut
}
CALL gds.graph.drop(graph.graphName) YIELD graphName AS dropped
WITH types, r, cut, graph.nodeCount AS n
WITH types, r, cut, CASE WHEN ceil(0.2 * n) > 2 THEN toInteger(ceil(0.2 * n)) ELSE 2 END AS bar
UNWIND cut AS c
CALL (types, r, c) {
  MATCH (p:Person)-[:IN_ROUND]->(r)
  WHERE p <> c
  OPTIONAL MATCH (p)-[t]-(q:Person)-[:IN_ROUND]->(r)
  WHERE type(t) IN types AND t.round = $round AND p.person_id < q.person_id AND q <> c
  WITH DISTINCT p, q
  WITH gds.graph.project('netkart-' + randomUUID(), p, q, {}, {undirectedRelationshipTypes: ['*']}) AS rest
  CALL (rest, types, c) {
    CALL gds.wcc.stream(rest.graphName) YIELD nodeId, componentId
    WITH componentId, gds.util.asNode(nodeId) AS person
    // The pieces of c's part are the components that hold one of c's contacts.
    WITH componentId, count(person) AS size,
      count(CASE WHEN EXISTS { MATCH (c)-[t]-(person) WHERE type(t) IN types AND t.round = $round } THEN 1 END) AS touching
    WHERE touching > 0
    RETURN sum(size) - max(size) AS cut_off
  }
  CALL gds.graph.drop(rest.graphName) YIELD graphName AS dropped
  RETURN cut_off
}
WITH c, cut_off, bar
WHERE cut_off >= bar
RETURN c.person_id AS person_id, cut_off
ORDER BY cut_off DESC, person_id;
