// Municipalities and their survey rounds
// Every municipality in the database with its anonymised letter (alias, null when none is
// set) and the labels of its survey rounds, oldest first, with each round's content checksum
// and load time (what `cypher.params.read_catalogue` derives its generation from), and the
// pseudonym numbers of erased persons, which the numbering skips (`docs/privacy.md`).
// Parameters: none.
// Returns: municipality (name), alias, rounds (list of round labels, sorted), checksums,
// loaded_at (both in the order of rounds), erased (list of "function key:number").
:params {};
MATCH (m:Municipality)
OPTIONAL MATCH (m)-[:HAS_ROUND]->(r:SurveyRound)
WITH m, r ORDER BY r.label
RETURN m.name AS municipality, m.alias AS alias, collect(r.label) AS rounds,
  collect(r.checksum) AS checksums, collect(toString(r.loaded_at)) AS loaded_at,
  coalesce(m.erased_pseudonyms, []) AS erased
ORDER BY municipality;
