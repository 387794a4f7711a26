// Functions a person covers this round; rank 0 is the first-listed (primary) function.
UNWIND $rows AS row
MATCH (p:Person {municipality: $municipality, person_id: row.person_id})
MATCH (f:Function {key: row.function})
CREATE (p)-[:COVERS {round: $round, rank: row.rank}]->(f)
