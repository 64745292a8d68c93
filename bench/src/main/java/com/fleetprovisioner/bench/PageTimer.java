package com.fleetprovisioner.bench;

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
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed-in browser over loopback that times GETs: from sending the request to the last byte of the
 * body. On loopback that is the server's handling time plus well under a millisecond of transfer.
 */
final class PageTimer {
    record Timing(String path, int status, double medianMillis, double p95Millis, int bytes) {
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("href=\"(/(?:history|batches/\\d+)\\?[^\"#]*after=[^\"#]+)[^\"]*\" rel=\"next\"");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    PageTimer(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    void signIn(String username, String password) {
        Matcher csrf = CSRF.matcher(get("/login").body());
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token on the login page");
        }
        String form = "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 303) {
            throw new IllegalStateException("Sign-in failed with " + response.statusCode());
        }
    }

    /** {@code warmUps} untimed GETs, then {@code runs} timed ones. */
    Timing time(String path, int warmUps, int runs) {
        HttpResponse<String> last = null;
        for (int i = 0; i < warmUps; i++) {
            last = get(path);
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            last = get(path);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return new Timing(path, last.statusCode(), millis[runs / 2], millis[(int) Math.ceil(runs * 0.95) - 1],
                last.body().length());
    }

    /** The history page {@code pages} pages on, following each page's "next" link. */
    Optional<String> followNext(String path, int pages) {
        String current = path;
        for (int i = 0; i < pages; i++) {
            Matcher next = NEXT.matcher(get(current).body());
            if (!next.find()) {
                return Optional.empty();
            }
            current = next.group(1).replace("&amp;", "&");
        }
        return Optional.of(current);
    }

    int status(String path) {
        return get(path).statusCode();
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
