// GDS availability
// Whether the server has the Graph Data Science procedures that parts, betweenness,
// cut_points, bridge_ties and bridge_builders call. Without them netkart computes the same
// with the analytics functions.
// Parameters: none.
// Returns: available (all present), procedures (the ones found).
:params {};
SHOW PROCEDURES YIELD name
WHERE name IN ['gds.wcc.stream', 'gds.betweenness.stream', 'gds.articulationPoints.stream', 'gds.bridges.stream', 'gds.graph.drop']
RETURN count(name) = 5 AS available, collect(name) AS procedures;
