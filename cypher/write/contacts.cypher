// Reported contacts of one frequency, grouped by ego: each row is {ego, alters: [...]}.
// Grouping finds each ego once per batch and creates its relationships in sequence, which
// measured about 5x faster than one row per contact. $type is DAILY, WEEKLY, MONTHLY or
// LESS_OFTEN (cypher.model.RELATIONSHIP_TYPES), passed as a parameter, never formatted in.
UNWIND $rows AS row
MATCH (ego:Person {municipality: $municipality, person_id: row.ego})
UNWIND row.alters AS alter_id
MATCH (alter:Person {municipality: $municipality, person_id: alter_id})
CREATE (ego)-[:$($type) {round: $round}]->(alter)
