// Isolates of a view
// Roster persons with no tie at or above the threshold, in either direction ("styrer med
// sitt"). Non-respondents nobody names are isolates too: "no tie" can mean "did not answer".
// Parameters: $municipality, $round, $threshold ('daily' | 'weekly' | 'monthly').
// Returns: person_id, responded, functions (function keys, primary first).
:params {municipality: "Fjordvik", round: "2013", threshold: "daily"};
WITH ['DAILY', 'WEEKLY', 'MONTHLY'][..CASE $threshold WHEN 'daily' THEN 1 WHEN 'weekly' THEN 2 WHEN 'monthly' THEN 3 END] AS types
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
MATCH (p:Person)-[member:IN_ROUND]->(r)
WHERE NOT EXISTS {
  MATCH (p)-[t]-(q:Person)-[:IN_ROUND]->(r)
  WHERE type(t) IN types AND t.round = $round AND q <> p
}
RETURN
  p.person_id AS person_id,
  member.responded AS responded,
  COLLECT {
    MATCH (p)-[covers:COVERS {round: $round}]->(f:Function)
    RETURN f.key ORDER BY covers.rank
  } AS functions
ORDER BY person_id;
