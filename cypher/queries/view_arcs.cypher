// Reported contacts of a view (directed arcs)
// Every contact ego → alter reported in the round at or above the threshold (cumulative:
// 'weekly' is daily or weekly), between persons on the round's roster.
// Parameters: $municipality, $round, $threshold ('daily' | 'weekly' | 'monthly').
// Returns: ego, alter (person ids), frequency ('daily' | 'weekly' | 'monthly').
:params {municipality: "Fjordvik", round: "2013", threshold: "weekly"};
WITH ['DAILY', 'WEEKLY', 'MONTHLY'][..CASE $threshold WHEN 'daily' THEN 1 WHEN 'weekly' THEN 2 WHEN 'monthly' THEN 3 END] AS types
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
MATCH (r)<-[:IN_ROUND]-(ego:Person)-[t]->(alter:Person)-[:IN_ROUND]->(r)
WHERE type(t) IN types AND t.round = $round AND ego <> alter
// Should an arc be stored at two levels, it counts at its most frequent one.
WITH ego, alter, min(CASE type(t) WHEN 'DAILY' THEN 0 WHEN 'WEEKLY' THEN 1 ELSE 2 END) AS level
RETURN ego.person_id AS ego, alter.person_id AS alter, ['daily', 'weekly', 'monthly'][level] AS frequency
ORDER BY ego, alter;
