// Loaded survey rounds with their checksums
// One row per municipality and loaded round: the municipality's anonymised letter (alias, null
// when none is set), the round label, the checksum of the round's content and when it was
// loaded (a municipality without rounds has one row with round null). Any load, replace,
// erasure or delete of a round changes these rows, so a reader can tell that the data changed: the
// dashboard keys its caches on them.
// Parameters: none.
// Returns: municipality (name), alias, round, checksum, loaded_at (ISO date-time text),
// erased (the municipality's erased pseudonym numbers, "function key:number").
:params {};
MATCH (m:Municipality)
OPTIONAL MATCH (m)-[:HAS_ROUND]->(r:SurveyRound)
RETURN m.name AS municipality, m.alias AS alias, r.label AS round, r.checksum AS checksum,
       toString(r.loaded_at) AS loaded_at, coalesce(m.erased_pseudonyms, []) AS erased
ORDER BY municipality, round;
