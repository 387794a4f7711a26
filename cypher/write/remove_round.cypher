// Remove a round's node once its facts are gone (delete_round, then delete_orphans), and the
// municipality with it when it has no round left. Returns how many rounds the municipality
// still has.
MATCH (m:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
DETACH DELETE r
WITH m
OPTIONAL MATCH (m)-[:HAS_ROUND]->(other:SurveyRound)
WITH m, count(other) AS rounds_left
CALL (m, rounds_left) {
  WITH * WHERE rounds_left = 0
  DETACH DELETE m
}
RETURN rounds_left
