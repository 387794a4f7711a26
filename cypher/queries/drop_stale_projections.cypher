// Drop leftover GDS projections
// The graph queries (parts, betweenness, cut_points, bridge_ties, bridge_builders) project the view into
// a GDS graph named 'netkart-<uuid>' and drop it in the same statement. A statement cut off
// in between (a Browser tab closed mid-query) leaves the graph in the GDS catalog until the
// server restarts; this drops those older than $minutes (runs read-only, like the others).
// Parameters: $minutes (age in minutes; 0 drops every leftover).
// Returns: dropped (graph name), created (when it was projected).
:params {minutes: 10};
CALL gds.graph.list() YIELD graphName, creationTime
WHERE graphName STARTS WITH 'netkart-' AND creationTime < datetime() - duration({minutes: $minutes})
CALL gds.graph.drop(graphName, false) YIELD graphName AS dropped
RETURN dropped, creationTime AS created
ORDER BY created;
