// Reported contacts of a person with a political body, by contact type and frequency.
UNWIND $rows AS row
MATCH (p:Person {municipality: $municipality, person_id: row.person_id})
MATCH (b:PoliticalBody {municipality: $municipality, key: row.body_key})
CREATE (p)-[:POLITICAL_CONTACT {round: $round, contact_type: row.contact_type, frequency: row.frequency}]->(b)
