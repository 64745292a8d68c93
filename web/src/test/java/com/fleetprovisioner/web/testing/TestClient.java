package com.fleetprovisioner.web.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.CookiePolicy;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** An HTTP client with its own cookie jar, that does not follow redirects: a browser as a test sees it. */
public final class TestClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final Function<String, URI> uris;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private Duration timeout = Duration.ofSeconds(20);
    private final Map<String, String> headers = new LinkedHashMap<>();

    TestClient(WebTestServer server) {
        this(server::uri);
    }

    private TestClient(Function<String, URI> uris) {
        this.uris = uris;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A client of a web process running elsewhere, e.g. its own JVM: {@code base} like {@code http://127.0.0.1:7070}. */
    public static TestClient at(URI base) {
        return new TestClient(path -> base.resolve(path));
    }

    /** Signs in through the login form; returns the response to the form post. */
    public HttpResponse<String> login(String username, String password) {
        HttpResponse<String> page = get("/login");
        String csrf = page.statusCode() == 200 ? csrfFrom(page) : csrf(); // already signed in: the session's token
        return postForm("/login", Map.of("username", username, "password", password, "_csrf", csrf));
    }

    public TestClient signedIn(String username, String password) {
        HttpResponse<String> response = login(username, password);
        if (response.statusCode() != 303) {
            throw new AssertionError("Sign-in of " + username + " failed with " + response.statusCode());
        }
        return this;
    }

    /** The CSRF token a page of this session carries (read from the Tokens page, open to every role). */
    public String csrf() {
        return csrfFrom(get("/tokens"));
    }

    public static String csrfFrom(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        if (!matcher.find()) {
            throw new AssertionError("No CSRF field on " + page.uri() + " (status " + page.statusCode() + ")");
        }
        return matcher.group(1);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** A GET as a browser set to another language sends it. */
    public HttpResponse<String> getWithLanguage(String path, String acceptLanguage) {
        return send(request(path).header("Accept-Language", acceptLanguage).GET());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> form) {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))));
    }

    /** A form post carrying this session's CSRF token. */
    public HttpResponse<String> postFormWithCsrf(String path, Map<String, String> form) {
        Map<String, String> withToken = new LinkedHashMap<>(form);
        withToken.put("_csrf", csrf());
        return postForm(path, withToken);
    }

    /** A form post with this session's CSRF token where a field may repeat (ticked check boxes). */
    public HttpResponse<String> postFieldsWithCsrf(String path, List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        all.add(Map.entry("_csrf", csrf()));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(all))));
    }

    public HttpResponse<String> send(String method, String path, Optional<String> bearer, Optional<String> json) {
        HttpRequest.Builder builder = request(path);
        bearer.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        json.ifPresent(body -> builder.header("Content-Type", "application/json"));
        builder.method(method, json.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
        return send(builder);
    }

    /** A multipart form post with one file in the field {@code file}; CSRF added for pages, a bearer token for the API. */
    public HttpResponse<String> postFile(String path, Optional<String> bearer, Map<String, String> fields,
            String fileName, byte[] content) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (bearer.isEmpty()) {
            all.put("_csrf", csrf());
        }
        String boundary = "----fp" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        all.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder builder = request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        bearer.ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        return send(builder);
    }

    /** A GET whose body is bytes (downloads). */
    public HttpResponse<byte[]> download(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A cookie as a browser script would set it for the whole site (e.g. the time zone cookie). */
    public TestClient withCookie(String name, String value) {
        java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(uris.apply("/"), cookie);
        return this;
    }

    /** A header sent with every request from now on, e.g. the {@code X-Forwarded-For} a proxy would add. */
    public TestClient withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** How long a request may take before it counts as hung (20 s unless set): for the largest files the limits allow. */
    public TestClient withTimeout(Duration requestTimeout) {
        this.timeout = requestTimeout;
        return this;
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(c -> c.getValue()).findFirst();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uris.apply(path)).timeout(timeout);
        headers.forEach(builder::header);
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(Map<String, String> form) {
        return encode(List.copyOf(form.entrySet()));
    }

    private static String encode(List<Map.Entry<String, String>> form) {
        return form.stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
