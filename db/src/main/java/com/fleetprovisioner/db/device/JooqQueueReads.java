package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.QueueReads;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The device reads the job queue needs: two statements per batch, one per thousand devices woken. */
public final class JooqQueueReads implements QueueReads {
    private static final List<String> ACTIVE = DeviceState.activeIds();

    private final DSLContext dsl;

    public JooqQueueReads(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Waiting> waiting(List<Long> ids) {
        // inlined: a generic plan cached while the table was small may read it whole (see JooqDeviceIntake)
        return dsl.select(DEVICE.ID, DEVICE.REQUEUE_GENERATION, DEVICE.ATTEMPTS, DEVICE.NEXT_ATTEMPT_AT).from(DEVICE)
                .where(DEVICE.ID.in(ids.stream().map(DSL::inline).toList())).and(DEVICE.STATE.in(ACTIVE))
                .orderBy(DEVICE.ID)
                .fetch(r -> new Waiting(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    @Override
    public List<Long> rangeStarts(long batchId, int ranges) {
        Condition ofBatch = queued(batchId, Long.MIN_VALUE, Long.MAX_VALUE);
        int n = dsl.fetchCount(DEVICE, ofBatch);
        if (n == 0) {
            return List.of();
        }
        int size = (n + ranges - 1) / ranges;
        Field<Integer> number = DSL.rowNumber().over(DSL.orderBy(DEVICE.ID)).as("n");
        Table<?> numbered = dsl.select(DEVICE.ID, number).from(DEVICE).where(ofBatch).asTable("numbered");
        Field<Long> id = numbered.field(DEVICE.ID);
        return dsl.select(id).from(numbered)
                .where(numbered.field(number).minus(DSL.inline(1)).mod(DSL.inline(size)).eq(DSL.inline(0)))
                .orderBy(id).fetch(id);
    }

    @Override
    public Optional<Long> halfway(long batchId, long fromId, long toId, int atLeast) {
        Condition between = queued(batchId, fromId, toId);
        int n = dsl.fetchCount(DEVICE, between);
        if (n < Math.max(2, atLeast)) {
            return Optional.empty();
        }
        return dsl.select(DEVICE.ID).from(DEVICE).where(between).orderBy(DEVICE.ID).offset((n + 1) / 2).limit(1)
                .fetchOptional(DEVICE.ID);
    }

    /** ix_device_batch_state (batch_id, state, id): a range scan. */
    private static Condition queued(long batchId, long fromId, long toId) {
        return DEVICE.BATCH_ID.eq(batchId).and(DEVICE.STATE.eq(DeviceState.QUEUED.id())).and(DEVICE.ID.between(fromId, toId));
    }
}
