// Remove the municipality's persons on no round's roster and bodies nobody reports contact with.
CALL () {
  MATCH (p:Person {municipality: $municipality})
  WHERE NOT (p)-[:IN_ROUND]->(:SurveyRound)
  DETACH DELETE p
}
CALL () {
  MATCH (b:PoliticalBody {municipality: $municipality})
  WHERE NOT (:Person)-[:POLITICAL_CONTACT]->(b)
  DETACH DELETE b
}
