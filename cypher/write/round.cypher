// Store the round's checksum (the municipality and round nodes exist: lock_round made them)
// and the function vocabulary, shared by all municipalities: labels are set when a key first
// appears. One statement, one round trip.
MATCH (r:SurveyRound {municipality: $municipality, label: $round})
SET r.checksum = $checksum, r.loaded_at = datetime(), r.names_stored = $names_stored
WITH r
CALL () {
  UNWIND $functions AS row
  MERGE (f:Function {key: row.key})
    ON CREATE SET f.label_nb = row.nb, f.label_en = row.en
}
