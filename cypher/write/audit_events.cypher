// The audit log, oldest first: every AuditEvent, or those of one municipality ($municipality
// null: all). A gathering's report names several municipalities, joined by ", ".
MATCH (e:AuditEvent)
WHERE $municipality IS NULL OR $municipality IN split(e.municipality, ', ')
RETURN toString(e.at) AS at, e.user AS user, e.command AS command, e.municipality AS municipality,
  e.round AS round, e.checksum AS checksum
ORDER BY e.at, elementId(e)
