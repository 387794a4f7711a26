// Ties of a view (undirected, union rule)
// One row per pair of roster persons of whom at least one reports contact with the other at
// or above the threshold (a non-respondent can still be named), with the more frequent of
// the two reports and whether both reported. person_a < person_b.
// Parameters: $municipality, $round, $threshold ('daily' | 'weekly' | 'monthly').
// Returns: person_a, person_b (person ids), frequency, reciprocated (both reported).
:params {municipality: "Fjordvik", round: "2013", threshold: "weekly"};
WITH ['DAILY', 'WEEKLY', 'MONTHLY'][..CASE $threshold WHEN 'daily' THEN 1 WHEN 'weekly' THEN 2 WHEN 'monthly' THEN 3 END] AS types
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
MATCH (r)<-[:IN_ROUND]-(a:Person)-[t]-(b:Person)-[:IN_ROUND]->(r)
WHERE type(t) IN types AND t.round = $round AND a.person_id < b.person_id
WITH a, b,
  min(CASE type(t) WHEN 'DAILY' THEN 0 WHEN 'WEEKLY' THEN 1 ELSE 2 END) AS level,
  count(DISTINCT startNode(t)) AS reporters
RETURN a.person_id AS person_a, b.person_id AS person_b,
  ['daily', 'weekly', 'monthly'][level] AS frequency, reporters = 2 AS reciprocated
ORDER BY person_a, person_b;
