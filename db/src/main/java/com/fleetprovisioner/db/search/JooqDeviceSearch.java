package com.fleetprovisioner.db.search;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.search.DeviceHit;
import com.fleetprovisioner.core.search.DeviceSearch;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The search box's device query, in id order so that it can stop at the cap. PostgreSQL answers a
 * rare fragment from the trigram index V17 creates (ix_device_provider_trgm) and a common one by
 * walking the unique index until the cap is reached. H2 has no trigram index: it walks
 * (provider_id, submitted_at, id) — ids only, no row read — and stops at the cap, so a common
 * fragment costs a few index entries and a fragment that matches nothing costs one pass over the
 * index (measured in README, Benchmarks, "Search").
 */
public final class JooqDeviceSearch implements DeviceSearch {
    private final DSLContext dsl;

    public JooqDeviceSearch(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<DeviceHit> byIdFragment(String fragment, int limit) {
        if (fragment.isEmpty() || fragment.length() > MAX_FRAGMENT || limit <= 0) {
            return List.of();
        }
        List<Long> ids = dsl.select(DEVICE.ID).from(idIndex()).where(IdFragment.contains(fragment))
                .orderBy(DEVICE.PROVIDER_ID).limit(limit).fetch(DEVICE.ID);
        if (ids.isEmpty()) {
            return List.of();
        }
        return dsl.select(DEVICE.PROVIDER_ID, DEVICE.KIND, DEVICE.STATE, DEVICE.BATCH_ID, DEVICE.SUBMITTED_AT).from(DEVICE)
                .where(DEVICE.ID.in(ids)).orderBy(DEVICE.PROVIDER_ID)
                .fetch(r -> new DeviceHit(r.get(DEVICE.PROVIDER_ID), r.get(DEVICE.KIND), DeviceState.fromId(r.get(DEVICE.STATE)),
                        r.get(DEVICE.BATCH_ID), r.get(DEVICE.SUBMITTED_AT)));
    }

    private Table<?> idIndex() {
        return dsl.dialect().family() == SQLDialect.H2
                ? DSL.table("{0} USE INDEX ({1})", DEVICE, DSL.name("ix_device_provider_submitted"))
                : DEVICE;
    }
}
