// Betweenness of a view
// Persons on shortest paths between others, by Freeman betweenness on the undirected view at
// the threshold (GDS Brandes), largest first; persons with betweenness 0 are left out.
// betweenness = score / ((n-1)(n-2)/2), n = roster size, so 1 is the centre of a star;
// score is the unnormalised sum over pairs of the share of shortest paths through the
// person. Both rounded to 12 decimals. Needs GDS (fallback in analytics.store).
// Parameters: $municipality, $round, $threshold ('daily' | 'weekly' | 'monthly').
// Returns: person_id, betweenness (normalised), score (unnormalised).
:params {municipality: "Fjordvik", round: "2013", threshold: "weekly"};
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
  CALL gds.betweenness.stream(graph.graphName) YIELD nodeId, score
  WHERE score > 0
  RETURN collect({person_id: gds.util.asNode(nodeId).person_id, score: score}) AS scores
}
CALL gds.graph.drop(graph.graphName) YIELD graphName AS dropped
WITH (graph.nodeCount - 1) * (graph.nodeCount - 2) / 2.0 AS pairs, scores
UNWIND scores AS s
RETURN s.person_id AS person_id, round(s.score / pairs, 12) AS betweenness, round(s.score, 12) AS score
ORDER BY betweenness DESC, person_id;
