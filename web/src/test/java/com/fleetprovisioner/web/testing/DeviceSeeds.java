package com.fleetprovisioner.web.testing;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.device.DeviceCounters;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Devices written straight into a {@link WebTestServer}'s database, in the states a page test needs
 * (its queue has no worker, so nothing else would move them).
 */
public final class DeviceSeeds {
    private DeviceSeeds() {
    }

    /** A submitted batch by the operator holding the devices (id → company), queued; returns its id. */
    public static long queued(WebTestServer server, Map<String, Integer> companies) {
        var dsl = DatabaseFixture.dsl(server.database());
        long user = server.user(Role.OPERATOR).id();
        Instant now = server.clock().instant();
        long batch = dsl.insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, now).set(BATCH.UPDATED_AT, now)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
        List<NewDevice> devices = companies.entrySet().stream()
                .map(e -> new NewDevice(e.getKey(), "calamp", e.getValue(), Optional.of("Truck " + e.getKey().substring(12)),
                        Optional.empty(), Optional.empty(), Optional.empty(), batch, Optional.empty(), user))
                .toList();
        new JooqDeviceIntake(dsl).insertQueued(devices, now);
        return batch;
    }

    public static void provisioned(WebTestServer server, Instant billingStart, String... ids) {
        DatabaseFixture.dsl(server.database()).update(DEVICE).set(DEVICE.STATE, "provisioned")
                .set(DEVICE.BILLING_STARTED_AT, billingStart).where(DEVICE.PROVIDER_ID.in(ids)).execute();
        new DeviceCounters(DatabaseFixture.dsl(server.database())).recount();
    }

    public static void failed(WebTestServer server, String message, String... ids) {
        DatabaseFixture.dsl(server.database()).update(DEVICE).set(DEVICE.STATE, "failed").set(DEVICE.LAST_ERROR_MESSAGE, message)
                .where(DEVICE.PROVIDER_ID.in(ids)).execute();
        new DeviceCounters(DatabaseFixture.dsl(server.database())).recount();
    }

    /** Failed with a last error written as the worker writes it now: a message key with its arguments. */
    public static void failed(WebTestServer server, Text error, int code, String... ids) {
        DatabaseFixture.dsl(server.database()).update(DEVICE).set(DEVICE.STATE, "failed").set(DEVICE.LAST_ERROR_CODE, code)
                .set(DEVICE.LAST_ERROR_KEY, error.key()).set(DEVICE.LAST_ERROR_ARGS, error.argsJson())
                .where(DEVICE.PROVIDER_ID.in(ids)).execute();
        new DeviceCounters(DatabaseFixture.dsl(server.database())).recount();
    }

    /** The state each device of the database is in now. */
    public static Map<String, String> states(WebTestServer server) {
        return DatabaseFixture.dsl(server.database()).select(DEVICE.PROVIDER_ID, DEVICE.STATE).from(DEVICE)
                .fetchMap(DEVICE.PROVIDER_ID, DEVICE.STATE);
    }
}
