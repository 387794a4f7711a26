// A batch of roster rows: the person (name kept from an earlier load when this one has none,
// e.g. --no-names), their membership of the round and the functions they cover (rank 0 is the
// first-listed, primary function). Runs after delete_round, so IN_ROUND and COVERS are new.
// $covers holds [row index in $rows, function key, rank]: the persons are in hand, so their
// functions need no second lookup of each person.
MATCH (m:Municipality {name: $municipality})
MATCH (r:SurveyRound {municipality: $municipality, label: $round})
UNWIND range(0, size($rows) - 1) AS i
WITH m, r, i, $rows[i] AS row
MERGE (p:Person {municipality: $municipality, person_id: row.person_id})
SET p.name = coalesce(row.name, p.name)
MERGE (p)-[:BELONGS_TO]->(m)
CREATE (p)-[:IN_ROUND {responded: row.responded, unit: row.unit, role: row.role}]->(r)
WITH i, p
ORDER BY i
WITH collect(p) AS persons
CALL (persons) {
  UNWIND $covers AS cover
  MATCH (f:Function {key: cover[1]})
  WITH persons[cover[0]] AS p, f, cover[2] AS rank
  CREATE (p)-[:COVERS {round: $round, rank: rank}]->(f)
}
RETURN size(persons) AS persons
