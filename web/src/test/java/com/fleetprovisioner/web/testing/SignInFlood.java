package com.fleetprovisioner.web.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Anonymous sign-ins fired all at once at a web process, each from its own address (sent as
 * X-Forwarded-For, so the process must trust its proxy): a quarter each are unknown users through
 * {@code POST /api/v1/tokens} and through the login form (with the CSRF token the form carries),
 * and wrong passwords for one real account through each. Every request is timed; one that fails to
 * answer within the timeout counts as status 0.
 */
public final class SignInFlood {
    public enum Kind { API_UNKNOWN, FORM_UNKNOWN, API_WRONG_PASSWORD, FORM_WRONG_PASSWORD }

    public record Answer(Kind kind, int status, Optional<String> retryAfter, long nanos, String body) {
    }

    public record Result(List<Answer> answers) {
        public Map<Integer, Long> byStatus() {
            return answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
        }

        /** The given percentile (0–100) of the answers' latency, in milliseconds. */
        public double percentileMillis(double percentile) {
            List<Long> sorted = answers.stream().map(Answer::nanos).sorted().toList();
            int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
        }
    }

    private SignInFlood() {
    }

    public static Result fire(URI base, int count, String realUser, Duration timeout) throws Exception {
        HttpClient api = client(Optional.empty());
        List<Callable<Answer>> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Kind kind = Kind.values()[i % Kind.values().length];
            String address = "10.77." + (i / 250) + "." + (i % 250 + 1);
            String username = kind == Kind.API_UNKNOWN || kind == Kind.FORM_UNKNOWN ? "flood-" + i : realUser;
            String password = "wrong-guess-" + i;
            if (kind == Kind.API_UNKNOWN || kind == Kind.API_WRONG_PASSWORD) {
                String json = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/tokens")).timeout(timeout)
                        .header("Content-Type", "application/json").header("X-Forwarded-For", address)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
                requests.add(() -> send(kind, api, request));
            } else {
                HttpClient browser = client(Optional.of(new CookieManager(null, CookiePolicy.ACCEPT_ALL)));
                String csrf = TestClient.csrfFrom(browser.send(HttpRequest.newBuilder(base.resolve("/login"))
                        .timeout(timeout).header("X-Forwarded-For", address).GET().build(), HttpResponse.BodyHandlers.ofString()));
                String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrf);
                HttpRequest request = HttpRequest.newBuilder(base.resolve("/login")).timeout(timeout)
                        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", address)
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
                requests.add(() -> send(kind, browser, request));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (Callable<Answer> request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS));
            }
            return new Result(answers);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Answer send(Kind kind, HttpClient client, HttpRequest request) throws InterruptedException {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(kind, response.statusCode(), response.headers().firstValue("Retry-After"),
                    System.nanoTime() - started, response.body());
        } catch (IOException e) {
            return new Answer(kind, 0, Optional.empty(), System.nanoTime() - started, e.toString());
        }
    }

    private static HttpClient client(Optional<CookieManager> cookies) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
        cookies.ifPresent(builder::cookieHandler);
        return builder.build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
