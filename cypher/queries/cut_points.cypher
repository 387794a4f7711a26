// Cut points of a view (articulation points)
// Persons whose leaving would split their part of the undirected view at the threshold into
// more pieces. Most cut points only hold a pendant colleague; the few whose leaving cuts off
// many persons are the bridge-builders (query bridge_builders). GDS articulation points on a
// temporary projection. Needs GDS (fallback in analytics.store).
// Parameters: $municipality, $round, $threshold ('daily' | 'weekly' | 'monthly').
// Returns: person_id.
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
  CALL gds.articulationPoints.stream(graph.graphName) YIELD nodeId
  RETURN collect(gds.util.asNode(nodeId).person_id) AS cut
}
CALL gds.graph.drop(graph.graphName) YIELD graphName AS dropped
UNWIND cut AS person_id
RETURN person_id
ORDER BY person_id;
