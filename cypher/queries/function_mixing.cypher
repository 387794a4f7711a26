// Function-to-function ties (who talks to whom across functions)
// Undirected ties of the view at the threshold counted by the primary (first-listed)
// functions of the two persons; persons without a function count as 'other'. One row per
// pair of functions with at least one tie, function_a <= function_b; function_a =
// function_b counts the ties within a function.
// Parameters: $municipality, $round, $threshold ('daily' | 'weekly' | 'monthly').
// Returns: function_a, function_b (function keys), ties.
:params {municipality: "Fjordvik", round: "2013", threshold: "weekly"};
WITH ['DAILY', 'WEEKLY', 'MONTHLY'][..CASE $threshold WHEN 'daily' THEN 1 WHEN 'weekly' THEN 2 WHEN 'monthly' THEN 3 END] AS types
MATCH (:Municipality {name: $municipality})-[:HAS_ROUND]->(r:SurveyRound {label: $round})
MATCH (r)<-[:IN_ROUND]-(a:Person)-[t]-(b:Person)-[:IN_ROUND]->(r)
WHERE type(t) IN types AND t.round = $round AND a.person_id < b.person_id
WITH DISTINCT a, b
WITH
  coalesce(COLLECT { MATCH (a)-[c:COVERS {round: $round}]->(f:Function) RETURN f.key ORDER BY c.rank }[0], 'other') AS fa,
  coalesce(COLLECT { MATCH (b)-[c:COVERS {round: $round}]->(f:Function) RETURN f.key ORDER BY c.rank }[0], 'other') AS fb
WITH CASE WHEN fa <= fb THEN [fa, fb] ELSE [fb, fa] END AS pair
RETURN pair[0] AS function_a, pair[1] AS function_b, count(*) AS ties
ORDER BY function_a, function_b;
