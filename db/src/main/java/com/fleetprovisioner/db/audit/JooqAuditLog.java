package com.fleetprovisioner.db.audit;

import static com.fleetprovisioner.db.jooq.Tables.AUDIT_LOG;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.audit.AuditQuery;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

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
                .set(AUDIT_LOG.PEER_IP, clip(entry.actor().peerIp(), 64))
                .set(AUDIT_LOG.FORWARDED_FOR, clip(entry.actor().forwardedFor(), 200))
                .execute();
    }

    @Override
    public List<Stored> search(AuditQuery query) {
        Condition where = DSL.noCondition();
        where = where.and(query.actor().map(AUDIT_LOG.ACTOR::eq).orElse(DSL.noCondition()));
        where = where.and(query.actionPrefix().map(prefix -> AUDIT_LOG.ACTION.startsWith(prefix)).orElse(DSL.noCondition()));
        where = where.and(query.from().map(AUDIT_LOG.AT::ge).orElse(DSL.noCondition()));
        where = where.and(query.to().map(AUDIT_LOG.AT::lt).orElse(DSL.noCondition()));
        where = where.and(query.beforeId().map(AUDIT_LOG.ID::lt).orElse(DSL.noCondition()));
        return dsl.selectFrom(AUDIT_LOG).where(where).orderBy(AUDIT_LOG.ID.desc()).limit(query.limit())
                .fetch(row -> new Stored(row.getId(), new AuditEntry(row.getAt(),
                        new Actor(Optional.ofNullable(row.getUserId()), row.getActor(), row.getClientIp(),
                                row.getPeerIp(), row.getForwardedFor()),
                        row.getAction(), row.getTarget(), row.getDetails())));
    }

    private static String clip(String value, int max) {
        String text = value == null ? "" : value;
        return text.length() <= max ? text : text.substring(0, max);
    }
}
