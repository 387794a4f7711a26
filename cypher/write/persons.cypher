// Roster rows: the person (name kept from an earlier load when this one has none, e.g.
// --no-names) and their membership of the round. Runs after delete_round, so IN_ROUND is new.
MATCH (m:Municipality {name: $municipality})
MATCH (r:SurveyRound {municipality: $municipality, label: $round})
UNWIND $rows AS row
MERGE (p:Person {municipality: $municipality, person_id: row.person_id})
SET p.name = coalesce(row.name, p.name)
MERGE (p)-[:BELONGS_TO]->(m)
CREATE (p)-[:IN_ROUND {responded: row.responded, unit: row.unit, role: row.role}]->(r)
