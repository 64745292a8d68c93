package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;

import com.fleetprovisioner.core.provisioning.DeviceIntake;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.KnownDevice;
import com.fleetprovisioner.core.provisioning.NewDevice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;

public final class JooqDeviceIntake implements DeviceIntake {
    /** Rows per statement: keeps IN lists and batches at a size both databases handle well. */
    private static final int CHUNK = 500;

    private final DSLContext dsl;
    private final DeviceCounters counters;

    public JooqDeviceIntake(DSLContext dsl) {
        this.dsl = dsl;
        this.counters = new DeviceCounters(dsl);
    }

    @Override
    public List<Queued> insertQueued(List<NewDevice> devices, Instant now) {
        List<Queued> queued = new ArrayList<>();
        for (int from = 0; from < devices.size(); from += CHUNK) {
            queued.addAll(insertChunk(devices.subList(from, Math.min(devices.size(), from + CHUNK)), now));
        }
        return queued;
    }

    private List<Queued> insertChunk(List<NewDevice> chunk, Instant now) {
        Set<String> before = findKnown(chunk.stream().map(NewDevice::providerId).toList()).keySet();
        // A concurrent upload may take some ids meanwhile: the unique key skips them, never twice.
        try {
            insert(chunk, now);
        } catch (DataAccessException raced) {
            if (!lostRace(raced)) {
                throw raced;
            }
            // H2 runs ON CONFLICT as a MERGE that a concurrent insert can still trip: go row by row,
            // where a lost race is just a skipped row (H2 keeps the transaction usable after it).
            for (NewDevice device : chunk) {
                insertLosingRacesQuietly(device, now);
            }
        }
        List<String> candidates = chunk.stream().map(NewDevice::providerId).filter(id -> !before.contains(id)).toList();
        Map<String, Long> batchOf = chunk.stream().collect(Collectors.toMap(NewDevice::providerId, NewDevice::batchId, (a, b) -> a));
        List<Queued> queued = dsl.select(DEVICE.ID, DEVICE.PROVIDER_ID, DEVICE.BATCH_ID).from(DEVICE)
                .where(DEVICE.PROVIDER_ID.in(candidates)).and(DEVICE.SUBMITTED_AT.eq(now))
                .fetch().stream()
                .filter(r -> r.value3().equals(batchOf.get(r.value2())))
                .map(r -> new Queued(r.value1(), r.value2()))
                .toList();
        if (!queued.isEmpty()) {
            var events = dsl.insertInto(DEVICE_EVENT, DEVICE_EVENT.DEVICE_ID, DEVICE_EVENT.AT, DEVICE_EVENT.TYPE,
                    DEVICE_EVENT.ACTOR_USER_ID, DEVICE_EVENT.MESSAGE);
            Map<String, Long> submitter = chunk.stream()
                    .collect(Collectors.toMap(NewDevice::providerId, NewDevice::submittedBy, (a, b) -> a));
            for (Queued q : queued) {
                events = events.values(q.deviceId(), now, "queued", submitter.get(q.providerId()), "Submitted and queued");
            }
            events.execute();
        }
        counters.added(DeviceState.QUEUED, queued.stream().map(q -> batchOf.get(q.providerId())).toList());
        return queued;
    }

    private void insertLosingRacesQuietly(NewDevice device, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                insert(List.of(device), now);
                return;
            } catch (DataAccessException raced) {
                if (!lostRace(raced)) {
                    throw raced;
                }
                if (raced instanceof IntegrityConstraintViolationException || attempt == 2) {
                    return; // someone else queued this id first
                }
                // "concurrent update": the other transaction still holds the row; try once more
            }
        }
    }

    /** Another transaction inserted the same provider id: a unique violation, or H2's concurrent update (90131). */
    private static boolean lostRace(DataAccessException e) {
        return e instanceof IntegrityConstraintViolationException || "90131".equals(e.sqlState());
    }

    private void insert(List<NewDevice> devices, Instant now) {
        var insert = dsl.insertInto(DEVICE, DEVICE.PROVIDER_ID, DEVICE.KIND, DEVICE.COMPANY_ID, DEVICE.NAME,
                DEVICE.PHONE_NUMBER, DEVICE.PASSWORD_SECRET, DEVICE.CONFIG_ID, DEVICE.BATCH_ID, DEVICE.BATCH_ROW,
                DEVICE.SUBMITTED_BY, DEVICE.SUBMITTED_AT, DEVICE.STATE, DEVICE.UPDATED_AT);
        for (NewDevice d : devices) {
            insert = insert.values(d.providerId(), d.kind(), d.companyId(), d.name().orElse(null),
                    d.phoneNumber().orElse(null), d.passwordSecret().orElse(null), d.configId().orElse(null),
                    d.batchId(), d.batchRow().orElse(null), d.submittedBy(), now, DeviceState.QUEUED.id(), now);
        }
        insert.onConflictDoNothing().execute();
    }

    @Override
    public Map<String, KnownDevice> findKnown(Collection<String> providerIds) {
        Map<String, KnownDevice> known = new HashMap<>();
        List<String> ids = List.copyOf(providerIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            dsl.select(DEVICE.ID, DEVICE.PROVIDER_ID, DEVICE.STATE, DEVICE.BATCH_ID, DEVICE.BILLING_STARTED_AT)
                    .from(DEVICE)
                    .where(DEVICE.PROVIDER_ID.in(ids.subList(from, Math.min(ids.size(), from + CHUNK))))
                    .forEach(r -> known.put(r.value2(), new KnownDevice(r.value1(), r.value2(),
                            DeviceState.fromId(r.value3()), r.value4(), Optional.ofNullable(r.value5()))));
        }
        return known;
    }

    /** For tests and counters: how many devices hold this state. */
    public int count(DeviceState state) {
        return dsl.fetchCount(DEVICE, DEVICE.STATE.eq(state.id()));
    }
}
