package com.fleetprovisioner.db.search;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.search.DeviceHit;
import com.fleetprovisioner.core.search.DeviceSearch;
import com.fleetprovisioner.core.search.IdMatch;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The search box's device query, in id order so that it can stop at the cap. PostgreSQL answers a
 * rare fragment from the trigram index V17 creates (ix_device_provider_trgm) and a common one by
 * walking the unique index until the cap is reached. H2 has no trigram index: {@link IdMatcher} makes
 * a fragment that starts some id a range of (provider_id, submitted_at, id), and any other a bounded
 * scan (measured in README, Benchmarks, "Search at 1,000,000 devices").
 */
public final class JooqDeviceSearch implements DeviceSearch {
    private final DSLContext dsl;
    private final IdMatcher ids;

    public JooqDeviceSearch(DSLContext dsl) {
        this(dsl, new IdMatcher(dsl));
    }

    /** {@code ids}: the same as the history's, so that a scan on H2 serves both. */
    public JooqDeviceSearch(DSLContext dsl, IdMatcher ids) {
        this.dsl = dsl;
        this.ids = ids;
    }

    @Override
    public IdMatch howMatched(String fragment) {
        return ids.howMatched(fragment);
    }

    @Override
    public List<DeviceHit> byIdFragment(String fragment, int limit) {
        if (fragment.isEmpty() || fragment.length() > MAX_FRAGMENT || limit <= 0) {
            return List.of();
        }
        List<Long> found = ids.scanned(fragment).map(all -> all.subList(0, Math.min(limit, all.size())))
                .orElseGet(() -> dsl.select(DEVICE.ID).from(idIndex(fragment)).where(ids.condition(fragment))
                        .orderBy(DEVICE.PROVIDER_ID).limit(limit).fetch(DEVICE.ID));
        if (found.isEmpty()) {
            return List.of();
        }
        return dsl.select(DEVICE.PROVIDER_ID, DEVICE.KIND, DEVICE.STATE, DEVICE.BATCH_ID, DEVICE.SUBMITTED_AT).from(DEVICE)
                .where(DEVICE.ID.in(found)).orderBy(DEVICE.PROVIDER_ID)
                .fetch(r -> new DeviceHit(r.get(DEVICE.PROVIDER_ID), r.get(DEVICE.KIND), DeviceState.fromId(r.get(DEVICE.STATE)),
                        r.get(DEVICE.BATCH_ID), r.get(DEVICE.SUBMITTED_AT)));
    }

    /** H2's "starts with" range reads (provider_id, submitted_at, id) only; its scan's ids the primary key. */
    private Table<?> idIndex(String fragment) {
        return ids.isPrefixRange(fragment)
                ? DSL.table("{0} USE INDEX ({1})", DEVICE, DSL.name("ix_device_provider_submitted"))
                : DEVICE;
    }
}
