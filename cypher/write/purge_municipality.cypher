// Remove a whole municipality: its persons with all their facts, its political bodies, its
// rounds and its node (with its alias). Shared function vocabulary and AuditEvents stay (an
// AuditEvent holds no personal data). Run after lock_municipality and lock_rounds.
CALL () {
  MATCH (p:Person {municipality: $municipality})
  DETACH DELETE p
}
CALL () {
  MATCH (b:PoliticalBody {municipality: $municipality})
  DETACH DELETE b
}
CALL () {
  MATCH (r:SurveyRound {municipality: $municipality})
  DETACH DELETE r
}
MATCH (m:Municipality {name: $municipality})
DETACH DELETE m
