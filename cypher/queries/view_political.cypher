// Political contacts of a round, one row per report
// Every contact a person on the round's roster reports with a political body, with the kind
// of contact and, where the survey asked for it, how often.
// Parameters: $municipality, $round.
// Returns: person_id, body_key, body_name, body_kind, contact_type, frequency.
:params {municipality: "Sæterdal", round: "2013"};
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
MATCH (r)<-[:IN_ROUND]-(p:Person)-[c:POLITICAL_CONTACT {round: $round}]->(b:PoliticalBody)
RETURN p.person_id AS person_id, b.key AS body_key, b.name AS body_name, b.kind AS body_kind,
  c.contact_type AS contact_type, c.frequency AS frequency
ORDER BY person_id, body_key, contact_type;
