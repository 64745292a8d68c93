package com.fleetprovisioner.core.audit;

import java.util.List;

/** The append-only audit log. Entries are never updated or deleted. */
public interface AuditLog {
    void record(AuditEntry entry);

    /** The newest entries first. */
    List<AuditEntry> recent(int limit);
}
