package com.fleetprovisioner.web.batches;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Five operators upload overlapping device lists and all submit at the same moment, each twice (a
 * double click): every id ends up queued exactly once, and the batches' counts add up to that.
 */
class IntakeConcurrencyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int UPLOADS = 5;
    private static final int IDS_PER_UPLOAD = 40;
    private static final int SHIFT = 10;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void fiveOverlappingUploadsSubmittedAtOnceQueueEachIdOnce(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "race").rawToken();
            Set<String> expected = new TreeSet<>();
            List<Long> batches = new ArrayList<>();
            for (int u = 0; u < UPLOADS; u++) {
                StringBuilder csv = new StringBuilder("IMEI,Kind,Company\n");
                for (int i = u * SHIFT; i < u * SHIFT + IDS_PER_UPLOAD; i++) {
                    csv.append(IntakeFiles.imei(i)).append(",genx,42\n");
                    expected.add(IntakeFiles.imei(i));
                }
                HttpResponse<String> upload = server.client().postFile("/api/v1/batches", Optional.of(token), Map.of(),
                        "part-" + u + ".csv", IntakeFiles.csv(csv.toString()));
                assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
                batches.add(JSON.readTree(upload.body()).get("batchId").asLong());
            }

            ExecutorService pool = Executors.newFixedThreadPool(UPLOADS * 2);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> submits = new ArrayList<>();
            for (long batch : batches) {
                for (int click = 0; click < 2; click++) {
                    submits.add(pool.submit(() -> {
                        start.await();
                        return server.client().send("POST", "/api/v1/batches/" + batch + "/submit", Optional.of(token),
                                Optional.of("{}"));
                    }));
                }
            }
            start.countDown();
            int queuedByResponses = 0;
            for (Future<HttpResponse<String>> submit : submits) {
                HttpResponse<String> response = submit.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                var body = JSON.readTree(response.body());
                if (!body.get("repeated").asBoolean()) {
                    queuedByResponses += body.get("devicesQueued").asInt();
                }
            }
            pool.shutdown();

            List<String> ids = DatabaseFixture.dsl(server.database()).select(DEVICE.PROVIDER_ID).from(DEVICE).fetch(r -> r.value1());
            assertThat(ids).doesNotHaveDuplicates().hasSameElementsAs(expected);
            assertThat(queuedByResponses).isEqualTo(expected.size());
            int queuedByBatches = batches.stream().mapToInt(b -> server.services().intake().batch(b).devicesQueued()).sum();
            assertThat(queuedByBatches).isEqualTo(expected.size());
            assertThat(server.enqueued()).doesNotHaveDuplicates().hasSize(expected.size());
        }
    }
}
