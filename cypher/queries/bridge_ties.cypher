// Bridge ties of a view (bridges)
// Ties of the undirected view at the threshold whose removal would split their part: the
// only contact between two pieces of the network. GDS bridges on a temporary projection.
// Needs GDS (fallback in analytics.store).
// Parameters: $municipality, $round, $threshold ('daily' | 'weekly' | 'monthly').
// Returns: person_a, person_b (person ids, person_a < person_b).
:params {municipality: "Bjørkelid", round: "2013", threshold: "weekly"};
WITH ['DAILY', 'WEEKLY', 'MONTHLY'][..CASE $threshold WHEN 'daily' THEN 1 WHEN 'weekly' THEN 2 WHEN 'monthly' THEN 3 END] AS types
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
MATCH (p:Person)-[:IN_ROUND]->(r)
OPTIONAL MATCH (p)-[t]-(q:Person)-[:IN_ROUND]->(r)
WHERE type(t) IN types AND t.round = $round AND p.person_id < q.person_id
// One undirected relationship per tied pair (union rule; parallel ones would change path
// counts); a person without ties to higher ids comes as (p, null) and is projected anyway.
WITH DISTINCT p, q
// A uniquely named in-memory graph, dropped below: projecting and dropping run read-only.
WITH gds.graph.project('netkart-' + randomUUID(), p, q, {}, {undirectedRelationshipTypes: ['*']}) AS graph
WHERE graph IS NOT NULL
CALL (graph) {
  CALL gds.bridges.stream(graph.graphName) YIELD from, to
  WITH gds.util.asNode(from).person_id AS x, gds.util.asNode(to).person_id AS y
  RETURN collect(CASE WHEN x < y THEN [x, y] ELSE [y, x] END) AS pairs
}
CALL gds.graph.drop(graph.graphName) YIELD graphName AS dropped
UNWIND pairs AS pair
RETURN pair[0] AS person_a, pair[1] AS person_b
ORDER BY person_a, person_b;
