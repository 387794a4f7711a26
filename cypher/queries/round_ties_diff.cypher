// Ties new, dropped and stable between two rounds
// Undirected ties (union rule) of a municipality at the threshold in $from_round and in
// $to_round, matched by person id: 'new' only in the later round, 'dropped' only in the
// earlier one, 'stable' in both. A tie to a person who joined or left counts as new or
// dropped.
// Parameters: $municipality, $from_round, $to_round, $threshold ('daily' | 'weekly' | 'monthly').
// Returns: person_a, person_b (person_a < person_b), status, from_frequency, to_frequency.
:params {municipality: "Fjordvik", from_round: "2011", to_round: "2013", threshold: "weekly"};
WITH ['DAILY', 'WEEKLY', 'MONTHLY'][..CASE $threshold WHEN 'daily' THEN 1 WHEN 'weekly' THEN 2 WHEN 'monthly' THEN 3 END] AS types
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound)
WHERE r.label IN [$from_round, $to_round]
MATCH (r)<-[:IN_ROUND]-(a:Person)-[t]-(b:Person)-[:IN_ROUND]->(r)
WHERE type(t) IN types AND t.round = r.label AND a.person_id < b.person_id
WITH a, b, r.label AS round, min(CASE type(t) WHEN 'DAILY' THEN 0 WHEN 'WEEKLY' THEN 1 ELSE 2 END) AS level
WITH a, b, collect([round, level]) AS seen
WITH a, b,
  [s IN seen WHERE s[0] = $from_round | s[1]][0] AS before,
  [s IN seen WHERE s[0] = $to_round | s[1]][0] AS after
RETURN a.person_id AS person_a, b.person_id AS person_b,
  CASE WHEN before IS NULL THEN 'new' WHEN after IS NULL THEN 'dropped' ELSE 'stable' END AS status,
  ['daily', 'weekly', 'monthly'][before] AS from_frequency,
  ['daily', 'weekly', 'monthly'][after] AS to_frequency
ORDER BY status, person_a, person_b;
