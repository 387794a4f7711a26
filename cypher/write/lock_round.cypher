// Take the write locks of one load (or replace) before anything is read: the municipality's
// node, then the round's. A second writer of the same municipality waits here until the
// first commits, and only then reads the checksum, so two loads of one round can never both
// see "not loaded" (issue 13 item 1). Locking the municipality too keeps loads of different
// rounds of one municipality from deadlocking on the persons they share. SET then REMOVE
// takes the lock and leaves no trace. Returns the round's checksum (null: not loaded yet).
MERGE (m:Municipality {name: $municipality})
SET m.netkart_lock = true
REMOVE m.netkart_lock
MERGE (r:SurveyRound {municipality: $municipality, label: $round})
MERGE (m)-[:HAS_ROUND]->(r)
SET r.netkart_lock = true
REMOVE r.netkart_lock
RETURN r.checksum AS checksum
