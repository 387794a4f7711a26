// Municipalities and their survey rounds
// Every municipality in the database with its anonymised letter (alias, null when none is
// set) and the labels of its survey rounds, oldest first.
// Parameters: none.
// Returns: municipality (name), alias, rounds (list of round labels, sorted).
:params {};
MATCH (m:Municipality)
OPTIONAL MATCH (m)-[:HAS_ROUND]->(r:SurveyRound)
WITH m, r ORDER BY r.label
RETURN m.name AS municipality, m.alias AS alias, collect(r.label) AS rounds
ORDER BY municipality;
