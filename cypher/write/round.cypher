// Create or update the municipality and the round node with the checksum of its content.
MERGE (m:Municipality {name: $municipality})
MERGE (r:SurveyRound {municipality: $municipality, label: $round})
MERGE (m)-[:HAS_ROUND]->(r)
SET r.checksum = $checksum, r.loaded_at = datetime(), r.names_stored = $names_stored
