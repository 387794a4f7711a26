// The municipality's political bodies; the name is the first spelling loaded.
MATCH (m:Municipality {name: $municipality})
UNWIND $rows AS row
MERGE (b:PoliticalBody {municipality: $municipality, key: row.key})
  ON CREATE SET b.name = row.name, b.kind = row.kind
MERGE (b)-[:BELONGS_TO]->(m)
