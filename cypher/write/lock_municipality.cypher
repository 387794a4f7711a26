// Take the write lock on an existing municipality's node before a delete, an erasure or a
// purge reads anything, so it waits for a load of the same municipality (and a load waits
// for it). SET then REMOVE takes the lock and leaves no trace. No row: not loaded.
MATCH (m:Municipality {name: $municipality})
SET m.netkart_lock = true
REMOVE m.netkart_lock
RETURN m.name AS name
