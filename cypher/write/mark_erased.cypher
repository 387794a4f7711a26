// After an erasure: stamp every round of the municipality as changed now, so that the
// catalogue's generation and every round's stamp change and caches and repeated reads see
// the new data; the rounds the person was on ($rounds) no longer hold their files' content,
// so their checksum gets the prefix "erased:" (once): loading those files again is then a
// replace (--replace), which would bring the person back, not a silent no-op. The erased
// person's pseudonym number ($numbers, "function key:number") is kept on the municipality so
// that the numbering skips it and renumbers no one else (`cypher.model.pseudonym_numbers`).
MATCH (m:Municipality {name: $municipality})
SET m.erased_pseudonyms = coalesce(m.erased_pseudonyms, []) + $numbers
WITH m
MATCH (m)-[:HAS_ROUND]->(r:SurveyRound)
SET r.loaded_at = datetime(),
  r.checksum = CASE
    WHEN r.label IN $rounds AND NOT r.checksum STARTS WITH 'erased:' THEN 'erased:' + r.checksum
    ELSE r.checksum
  END
