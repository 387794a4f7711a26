// Everyone the municipality's pseudonyms are numbered over, read by an erasure before it
// deletes: each person once per round they are on, oldest round first (the latest round's
// functions win, as in `analytics.store.roster`), first-listed function first, with the
// pseudonym numbers of earlier erasures, which the numbering skips.
MATCH (m:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound)
MATCH (p:Person)-[:IN_ROUND]->(r)
RETURN p.person_id AS person_id,
  COLLECT {
    MATCH (p)-[covers:COVERS {round: r.label}]->(f:Function)
    RETURN f.key ORDER BY covers.rank
  } AS functions,
  coalesce(m.erased_pseudonyms, []) AS erased
ORDER BY r.label
