package com.fleetprovisioner.core.audit;

import java.util.List;

/** The append-only audit log. Entries are never updated or deleted. */
public interface AuditLog {
    /** An entry as stored, with the id that orders and pages the log. */
    record Stored(long id, AuditEntry entry) {
    }

    void record(AuditEntry entry);

    /** Entries matching the query, newest first. */
    List<Stored> search(AuditQuery query);

    /** The newest entries first. */
    default List<AuditEntry> recent(int limit) {
        return search(AuditQuery.latest(limit)).stream().map(Stored::entry).toList();
    }
}
