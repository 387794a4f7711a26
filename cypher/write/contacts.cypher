// Reported contacts ego -> alter of one frequency; $type is DAILY, WEEKLY, MONTHLY or
// LESS_OFTEN (cypher.model.RELATIONSHIP_TYPES), passed as a parameter, never formatted in.
UNWIND $rows AS row
MATCH (ego:Person {municipality: $municipality, person_id: row.ego})
MATCH (alter:Person {municipality: $municipality, person_id: row.alter})
CREATE (ego)-[:$($type) {round: $round}]->(alter)
