package com.fleetprovisioner.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Parallel wrong guesses for one account, through the login form and the token API at once: the
 * throttle counts each attempt before its password is checked, so exactly as many are checked as
 * the rules allow in a burst (five; the sixth falls inside the first delay), the rest are refused
 * with 429 and Retry-After, and the audit log says the same.
 */
class ParallelSignInIT {
    private static final int GUESSES = 30;
    private static final int ALLOWED_IN_A_BURST = 5;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void parallelGuessesGetExactlyTheAllowedChecks(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            List<TestClient> forms = new ArrayList<>();
            List<String> csrf = new ArrayList<>();
            for (int i = 0; i < GUESSES / 2; i++) {
                TestClient client = server.client();
                forms.add(client);
                csrf.add(TestClient.csrfFrom(client.get("/login")));
            }
            ExecutorService pool = Executors.newFixedThreadPool(GUESSES);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < GUESSES; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    if (n % 2 == 0) {
                        return forms.get(n / 2).postForm("/login",
                                Map.of("username", "operator", "password", "guess-" + n, "_csrf", csrf.get(n / 2)));
                    }
                    return server.client().send("POST", "/api/v1/tokens", Optional.empty(),
                            Optional.of("{\"username\":\"operator\",\"password\":\"guess-" + n + "\"}"));
                }));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                responses.add(answer.get(120, TimeUnit.SECONDS));
            }
            pool.shutdown();

            Map<Integer, Long> byStatus = responses.stream()
                    .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
            assertThat(byStatus).as("answers by status").isEqualTo(Map.of(401, (long) ALLOWED_IN_A_BURST,
                    429, (long) (GUESSES - ALLOWED_IN_A_BURST)));
            assertThat(responses).filteredOn(r -> r.statusCode() == 429)
                    .allSatisfy(r -> assertThat(r.headers().firstValue("Retry-After")).isPresent());

            Map<String, Long> audited = server.services().audit().recent(200).stream()
                    .filter(e -> e.target().equals("operator") && e.action().startsWith("login."))
                    .collect(Collectors.groupingBy(AuditEntry::action, Collectors.counting()));
            assertThat(audited).isEqualTo(Map.of("login.failed", (long) ALLOWED_IN_A_BURST,
                    "login.refused", (long) (GUESSES - ALLOWED_IN_A_BURST)));
        }
    }
}
