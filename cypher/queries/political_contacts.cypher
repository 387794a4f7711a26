// Political contacts by body and contact type
// For each political body (mayor, executive committee, council, committees) and kind of
// contact (information, professional, political): how many persons on the round's roster
// report that contact, and their share of the roster.
// Parameters: $municipality, $round.
// Returns: body_key, body_name, body_kind, contact_type, persons, roster, share.
:params {municipality: "Sæterdal", round: "2013"};
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
MATCH (p:Person)-[:IN_ROUND]->(r)
WITH r, count(p) AS roster
MATCH (r)<-[:IN_ROUND]-(p:Person)-[c:POLITICAL_CONTACT {round: $round}]->(b:PoliticalBody)
WITH roster, b, c.contact_type AS contact_type, count(DISTINCT p) AS persons
RETURN b.key AS body_key, b.name AS body_name, b.kind AS body_kind, contact_type, persons, roster,
  round(toFloat(persons) / roster, 4) AS share
ORDER BY
  CASE body_kind WHEN 'mayor' THEN 0 WHEN 'executive_committee' THEN 1 WHEN 'council' THEN 2 ELSE 3 END,
  body_name, contact_type;
