// A batch of reported contacts, grouped by relationship type. $persons lists the person_ids the
// batch names; each of $daily, $weekly, $monthly and $less_often holds [ego, alter] index pairs
// into it. Each person is looked up once per batch (not once per contact, as a row per contact
// would), and each type is written by its own CREATE with a fixed type rather than a dynamic
// one per row. ORDER BY keeps the list in $persons' order; the caller checks that every
// person was found (the returned count), since a missing one would shift the indices. The
// hint: without it the planner reads all the municipality's persons for each one looked up.
UNWIND range(0, size($persons) - 1) AS i
MATCH (p:Person {municipality: $municipality, person_id: $persons[i]})
USING INDEX p:Person(municipality, person_id)
WITH i, p
ORDER BY i
WITH collect(p) AS nodes
CALL (nodes) {
  UNWIND $daily AS pair
  WITH nodes[pair[0]] AS ego, nodes[pair[1]] AS alter
  CREATE (ego)-[:DAILY {round: $round}]->(alter)
}
CALL (nodes) {
  UNWIND $weekly AS pair
  WITH nodes[pair[0]] AS ego, nodes[pair[1]] AS alter
  CREATE (ego)-[:WEEKLY {round: $round}]->(alter)
}
CALL (nodes) {
  UNWIND $monthly AS pair
  WITH nodes[pair[0]] AS ego, nodes[pair[1]] AS alter
  CREATE (ego)-[:MONTHLY {round: $round}]->(alter)
}
CALL (nodes) {
  UNWIND $less_often AS pair
  WITH nodes[pair[0]] AS ego, nodes[pair[1]] AS alter
  CREATE (ego)-[:LESS_OFTEN {round: $round}]->(alter)
}
RETURN size(nodes) AS persons
