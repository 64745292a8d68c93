package com.fleetprovisioner.db.audit;

import static com.fleetprovisioner.db.jooq.Tables.AUDIT_LOG;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

public final class JooqAuditLog implements AuditLog {
    private final DSLContext dsl;

    public JooqAuditLog(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void record(AuditEntry entry) {
        dsl.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.AT, entry.at())
                .set(AUDIT_LOG.USER_ID, entry.actor().userId().orElse(null))
                .set(AUDIT_LOG.ACTOR, clip(entry.actor().name(), 100))
                .set(AUDIT_LOG.ACTION, entry.action())
                .set(AUDIT_LOG.TARGET, clip(entry.target(), 255))
                .set(AUDIT_LOG.DETAILS, clip(entry.details(), 4000))
                .set(AUDIT_LOG.CLIENT_IP, clip(entry.actor().clientIp(), 64))
                .execute();
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return dsl.selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.AT.desc(), AUDIT_LOG.ID.desc()).limit(limit)
                .fetch(row -> new AuditEntry(row.getAt(),
                        new Actor(Optional.ofNullable(row.getUserId()), row.getActor(), row.getClientIp()),
                        row.getAction(), row.getTarget(), row.getDetails()));
    }

    private static String clip(String value, int max) {
        String text = value == null ? "" : value;
        return text.length() <= max ? text : text.substring(0, max);
    }
}
