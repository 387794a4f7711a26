// Persons of a function isolated within it
// Persons covering the function in the round (first-listed or not) who have no tie at or
// above the threshold with anyone else covering it: "5 of 13 service administrators have no
// monthly contact with the others". Function keys: services, allocation, instruments,
// housing_planning, operation, community_planning, counselling, development, users, other.
// Parameters: $municipality, $round, $threshold ('daily' | 'weekly' | 'monthly'), $function.
// Returns: person_id, primary (the function is their first-listed one), members (persons
// covering the function in the round).
:params {municipality: "Fjordvik", round: "2013", threshold: "daily", function: "services"};
WITH ['DAILY', 'WEEKLY', 'MONTHLY'][..CASE $threshold WHEN 'daily' THEN 1 WHEN 'weekly' THEN 2 WHEN 'monthly' THEN 3 END] AS types
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
MATCH (f:Function {key: $function})<-[covers:COVERS {round: $round}]-(p:Person)-[:IN_ROUND]->(r)
WITH types, r, f, collect({person: p, rank: covers.rank}) AS members
UNWIND members AS member
WITH types, r, f, size(members) AS members, member.person AS p, member.rank AS rank
WHERE NOT EXISTS {
  MATCH (p)-[t]-(q:Person)-[:COVERS {round: $round}]->(f)
  WHERE type(t) IN types AND t.round = $round AND q <> p AND (q)-[:IN_ROUND]->(r)
}
RETURN p.person_id AS person_id, rank = 0 AS primary, members
ORDER BY person_id;
