package com.fleetprovisioner.db.settings;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.SETTING;

import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.settings.SendsInProgress;
import com.fleetprovisioner.core.settings.SettingsRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The {@code setting} table. The row {@value #VERSION} holds a counter bumped by every write: workers
 * poll that one row and re-read the rest only when it moved.
 */
public final class JooqSettingsRepository implements SettingsRepository, SendsInProgress {
    static final String VERSION = "settings.version";
    private static final List<String> OPEN = List.of(DeviceState.QUEUED.id(), DeviceState.SENDING.id(),
            DeviceState.RETRYING.id());

    private final DSLContext dsl;

    public JooqSettingsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Map<String, Stored> readAll() {
        Map<String, Stored> out = new HashMap<>();
        dsl.selectFrom(SETTING).where(SETTING.NAME.ne(VERSION)).forEach(r -> out.put(r.getName(),
                new Stored(r.getValueText(), r.getSecret(), r.getUpdatedAt(), Optional.ofNullable(r.getUpdatedBy()))));
        return out;
    }

    @Override
    public long version() {
        String value = dsl.select(SETTING.VALUE_TEXT).from(SETTING).where(SETTING.NAME.eq(VERSION)).fetchOne(SETTING.VALUE_TEXT);
        return value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public void write(Map<String, Stored> upserts, Set<String> removals, Instant now) {
        long next = version() + 1;
        Set<String> replaced = new java.util.HashSet<>(removals);
        replaced.addAll(upserts.keySet());
        replaced.add(VERSION);
        dsl.deleteFrom(SETTING).where(SETTING.NAME.in(replaced)).execute();
        upserts.forEach((name, s) -> dsl.insertInto(SETTING)
                .set(SETTING.NAME, name)
                .set(SETTING.VALUE_TEXT, s.value())
                .set(SETTING.SECRET, s.secret())
                .set(SETTING.UPDATED_AT, s.updatedAt())
                .set(SETTING.UPDATED_BY, s.updatedBy().orElse(null))
                .execute());
        dsl.insertInto(SETTING)
                .set(SETTING.NAME, VERSION)
                .set(SETTING.VALUE_TEXT, Long.toString(next))
                .set(SETTING.SECRET, false)
                .set(SETTING.UPDATED_AT, now)
                .execute();
    }

    /** Devices not yet ended that are mid-send or flagged with an unknown outcome. */
    @Override
    public Counts count() {
        var r = dsl.select(
                        DSL.count().filterWhere(DEVICE.STATE.eq(DeviceState.SENDING.id())),
                        DSL.count().filterWhere(DEVICE.OUTCOME_UNKNOWN.isTrue().and(DEVICE.STATE.in(OPEN))))
                .from(DEVICE)
                .where(DEVICE.STATE.in(OPEN))
                .fetchOne();
        return new Counts(r.value1(), r.value2());
    }
}
