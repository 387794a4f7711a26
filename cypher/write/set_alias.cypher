// Set a municipality's anonymised alias unless another municipality has it. Returns no row
// when the municipality does not exist, and the names already holding the alias otherwise.
MATCH (m:Municipality {name: $municipality})
OPTIONAL MATCH (other:Municipality {alias: $alias})
  WHERE other <> m
WITH m, collect(other.name) AS taken
FOREACH (_ IN CASE WHEN size(taken) = 0 THEN [1] ELSE [] END | SET m.alias = $alias)
RETURN taken
