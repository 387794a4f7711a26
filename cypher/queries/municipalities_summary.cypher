// Municipalities side by side (headline counts)
// One row per municipality and survey round: roster size, respondents, reported arcs and
// undirected ties at the threshold, isolates and density. alias is the anonymised letter
// shown at network gatherings (null when none is set).
// Parameters: $threshold ('daily' | 'weekly' | 'monthly').
// Returns: municipality, alias, round, persons, respondents, arcs, ties, isolates, density.
:params {threshold: "daily"};
WITH ['DAILY', 'WEEKLY', 'MONTHLY'][..CASE $threshold WHEN 'daily' THEN 1 WHEN 'weekly' THEN 2 WHEN 'monthly' THEN 3 END] AS types
MATCH (m:Municipality)-[:HAS_ROUND]->(r:SurveyRound)
CALL (r) {
  MATCH (:Person)-[member:IN_ROUND]->(r)
  RETURN count(member) AS persons, count(CASE WHEN member.responded THEN 1 END) AS respondents
}
CALL (r, types) {
  OPTIONAL MATCH (r)<-[:IN_ROUND]-(a:Person)-[t]->(b:Person)-[:IN_ROUND]->(r)
  WHERE type(t) IN types AND t.round = r.label AND a <> b
  WITH DISTINCT a, b
  RETURN count(b) AS arcs, count(DISTINCT CASE WHEN a.person_id < b.person_id THEN [a, b] ELSE [b, a] END) AS ties
}
CALL (r, types) {
  MATCH (p:Person)-[:IN_ROUND]->(r)
  WHERE NOT EXISTS {
    MATCH (p)-[t]-(q:Person)-[:IN_ROUND]->(r)
    WHERE type(t) IN types AND t.round = r.label AND q <> p
  }
  RETURN count(p) AS isolates
}
RETURN m.name AS municipality, m.alias AS alias, r.label AS round, persons, respondents, arcs, ties, isolates,
  CASE WHEN persons > 1 THEN ties / (persons * (persons - 1) / 2.0) END AS density
ORDER BY alias, municipality, round;
