// Take the write lock of every round of a municipality (after lock_municipality), as a load
// takes its round's: an erasure or a purge concerns all of them. SET then REMOVE takes the
// lock and leaves no trace. Returns the round labels.
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound)
SET r.netkart_lock = true
REMOVE r.netkart_lock
RETURN r.label AS round
ORDER BY round
