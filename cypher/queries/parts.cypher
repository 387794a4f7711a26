// Parts of a view (connected components of at least two persons)
// What the picture shows as separate: the connected components of the undirected view at the
// threshold with at least two persons, via GDS WCC on a temporary projection. Isolates are
// not parts (query isolates). Numbered 1, 2, ... largest first (ties broken by the smallest
// person id). Needs GDS: netkart query and analytics.store compute the same without it.
// Parameters: $municipality, $round, $threshold ('daily' | 'weekly' | 'monthly').
// Returns: part (1 = largest), size, person_ids (sorted).
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
  CALL gds.wcc.stream(graph.graphName) YIELD nodeId, componentId
  WITH componentId, gds.util.asNode(nodeId).person_id AS person_id
  ORDER BY person_id
  WITH componentId, collect(person_id) AS members
  WHERE size(members) >= 2
  ORDER BY size(members) DESC, members[0]
  RETURN collect(members) AS found
}
CALL gds.graph.drop(graph.graphName) YIELD graphName AS dropped
UNWIND range(1, size(found)) AS part
RETURN part, size(found[part - 1]) AS size, found[part - 1] AS person_ids
ORDER BY part;
