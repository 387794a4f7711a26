// Version stamp of a survey round
// The round's content checksum and when it was last loaded, replaced or erased from (`netkart
// person erase`). analytics.store reads it before and after the views it reads in one
// transaction: Neo4j reads committed data
// statement by statement, so a different stamp at the end means the round was replaced in
// between, and the read is repeated.
// Parameters: $municipality, $round.
// Returns: checksum, loaded_at (no row when the round is not loaded).
:params {municipality: "Fjordvik", round: "2013"};
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
RETURN r.checksum AS checksum, toString(r.loaded_at) AS loaded_at;
