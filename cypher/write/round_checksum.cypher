// Checksum of a loaded round, or no row when the round is not loaded.
MATCH (r:SurveyRound {municipality: $municipality, label: $round})
RETURN r.checksum AS checksum
