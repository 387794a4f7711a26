// Persons of a view (the round's roster)
// Everyone on the municipality's list in the round, respondents or not, with the functions
// they cover in that round, first-listed (primary) first. Names are absent for rounds
// loaded with --no-names.
// Parameters: $municipality, $round.
// Returns: person_id, name, responded, unit, role, functions (list of function keys).
:params {municipality: "Fjordvik", round: "2013"};
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
MATCH (p:Person)-[member:IN_ROUND]->(r)
RETURN
  p.person_id AS person_id,
  p.name AS name,
  member.responded AS responded,
  member.unit AS unit,
  member.role AS role,
  COLLECT {
    MATCH (p)-[covers:COVERS {round: $round}]->(f:Function)
    RETURN f.key ORDER BY covers.rank
  } AS functions
ORDER BY person_id;
