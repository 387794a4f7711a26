// Record one AuditEvent: when, the OS user, the command, the municipality, the round and the
// checksum of the data it concerned (docs/privacy.md, "The audit log"). It holds no name and
// no person id, and belongs to no municipality's subgraph, so it outlives a purge. Loads,
// replaces and deletes run it in their own transaction, so the event exists if and only if
// the change does.
CREATE (:AuditEvent {
  at: datetime(),
  user: $user,
  command: $command,
  municipality: $municipality,
  round: $round,
  checksum: $checksum
})
