// After an erasure: stamp every round of the municipality as changed now, so that the
// catalogue's generation and every round's stamp change and caches and repeated reads see
// the new data; the rounds the person was on ($rounds) no longer hold their files' content,
// so their checksum gets the prefix "erased:" (once): loading those files again is then a
// replace (--replace), which would bring the person back, not a silent no-op.
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound)
SET r.loaded_at = datetime(),
  r.checksum = CASE
    WHEN r.label IN $rounds AND NOT r.checksum STARTS WITH 'erased:' THEN 'erased:' + r.checksum
    ELSE r.checksum
  END
