// Erase one person (GDPR art. 17): their node with every relationship, i.e. roster
// memberships, functions, ties in both directions and political contacts in every round.
// Nothing else is renamed or renumbered. Returns the labels of the rounds they were on (no
// row: no such person).
MATCH (p:Person {municipality: $municipality, person_id: $person_id})
OPTIONAL MATCH (p)-[:IN_ROUND]->(r:SurveyRound)
WITH p, collect(r.label) AS rounds
DETACH DELETE p
RETURN rounds
