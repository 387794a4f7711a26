"""netkart: social network analysis of coordination in municipal social-housing work.

The CLI, connection settings and the local Neo4j server live here; the work itself is done by
the pillars ``ingest``, ``cypher``, ``analytics`` and ``dashboard``.
"""

__version__ = "0.1.0"
