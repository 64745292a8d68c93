package com.fleetprovisioner.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.common.DaemonThreads;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local HTTP control API (JSON, loopback by default):
 * <pre>
 * GET  /health                      {"status":"up"} (the only request without the token)
 * GET  /faults                      current FaultSettings
 * PUT  /faults                      replace FaultSettings (missing fields = no fault)
 * PATCH /faults                     change only the fields given, e.g. {"errorRates":{"2":0.1}}
 * POST /faults/reset                no faults
 * POST /sessions/expire             every session expires now
 * POST /maintenance                 {"startsInSeconds":0,"durationSeconds":60,"message":"…"} → broadcast
 * POST /seed                        {"users":[…],"companies":[…],"configurations":[…],"providers":[…]}
 * GET  /ledger[?provider=ID]        every mergeProvider received, with timestamps and outcome
 * GET  /providers                   stored providers with their created time (passwords left out)
 * POST /providers/remove            {"id":"…"}: removed in Fleet Freedom by someone else (marked deleted)
 * POST /providers/move              {"id":"…","company":43}: moved to another company by someone else
 * </pre>
 * Every other request needs {@code Authorization: Bearer <token>} (the simulator prints it once at start),
 * a Host naming a loopback address or the listen address (a DNS-rebinding page names its own host), no
 * {@code Origin} header (no web page has business here: a cross-site form or fetch always sends one) and,
 * for requests that change something, {@code Content-Type: application/json} (which a cross-site form
 * cannot send). Refusals: 401 without the token, 403 for Host or Origin, 415 for the content type.
 */
final class ControlApi {

    private static final Logger log = LoggerFactory.getLogger(ControlApi.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Seed(List<SimulatorConfig.SeedUser> users, List<SimulatorConfig.SeedCompany> companies,
                List<SimulatorConfig.SeedConfiguration> configurations, List<SeedProvider> providers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SeedProvider(String id, String kind, long company, String name, Long configuration, String password,
                        String phoneNumber, Instant created) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProviderChange(String id, Long company) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Maintenance(long startsInSeconds, long durationSeconds, String message) {
    }

    record ProviderView(String id, long company, String kind, String name, Long configuration, boolean hasPassword,
                        String phoneNumber, boolean deleted, Instant created) {
    }

    private final Simulator simulator;
    private final ObjectMapper mapper;
    private ControlGuard guard;
    private HttpServer http;

    ControlApi(Simulator simulator, ObjectMapper mapper) {
        this.simulator = simulator;
        this.mapper = mapper;
    }

    void start(String host, int port) {
        try {
            http = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw Simulator.unchecked(e);
        }
        http.setExecutor(Executors.newSingleThreadExecutor(DaemonThreads.named("simulator-control")));
        guard = new ControlGuard(simulator.controlToken(), host);
        http.createContext("/", this::route);
        http.start();
    }

    URI uri() {
        return URI.create("http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort() + "/");
    }

    void stop() {
        if (http != null) {
            http.stop(0);
        }
    }

    /** The exchange closes only after the answer, a 400 included (a resource closes before its catch block runs). */
    private void route(HttpExchange ex) throws IOException {
        try (ex) {
            answer(ex);
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        try {
            String key = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
            Optional<ControlGuard.Refusal> refusal = guard.check(key, ex.getRequestHeaders());
            if (refusal.isPresent()) {
                respond(ex, refusal.get().status(), Map.of("error", refusal.get().message()));
                return;
            }
            Object answer = route(key, ex);
            if (answer == null) {
                respond(ex, 404, Map.of("error", "no such endpoint: " + key));
            } else {
                respond(ex, 200, answer);
            }
        } catch (RuntimeException | IOException e) {
            log.warn("control API request failed: {}", e.toString());
            respond(ex, 400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    /** The answer to one control request, or null when no endpoint has that method and path. */
    private Object route(String key, HttpExchange ex) throws IOException {
        return switch (key) {
            case "GET /health" -> Map.of("status", "up");
            case "GET /faults" -> simulator.faults().get();
            case "PUT /faults", "POST /faults" -> {
                simulator.faults().set(read(ex.getRequestBody(), FaultSettings.class));
                yield simulator.faults().get();
            }
            case "PATCH /faults" -> {
                simulator.faults().set(patch(simulator.faults().get(), ex.getRequestBody()));
                yield simulator.faults().get();
            }
            case "POST /faults/reset" -> {
                simulator.faults().reset();
                yield simulator.faults().get();
            }
            case "POST /sessions/expire" -> {
                simulator.expireSessions();
                yield Map.of("expired", true);
            }
            case "POST /maintenance" -> maintenance(read(ex.getRequestBody(), Maintenance.class));
            case "POST /seed" -> seed(read(ex.getRequestBody(), Seed.class));
            case "GET /ledger" -> ledger(ex.getRequestURI().getQuery());
            case "POST /providers/remove" -> change(read(ex.getRequestBody(), ProviderChange.class), true);
            case "POST /providers/move" -> change(read(ex.getRequestBody(), ProviderChange.class), false);
            case "GET /providers" -> simulator.world().providers().stream()
                    .map(p -> new ProviderView(p.id(), p.company(), p.kind(), p.name(), p.configuration(),
                            p.password() != null, p.phoneNumber(), p.deleted(), p.created())).toList();
            default -> null;
        };
    }

    private Object maintenance(Maintenance m) {
        simulator.broadcastMaintenance(Duration.ofSeconds(m.startsInSeconds()), Duration.ofSeconds(m.durationSeconds()),
                m.message() == null ? "Scheduled maintenance" : m.message());
        return m;
    }

    private Object seed(Seed seed) {
        World world = simulator.world();
        if (seed.companies() != null) {
            seed.companies().forEach(world::addCompany);
        }
        if (seed.users() != null) {
            seed.users().forEach(world::addUser);
        }
        if (seed.configurations() != null) {
            seed.configurations().forEach(world::addConfiguration);
        }
        if (seed.providers() != null) {
            Instant now = Instant.now();
            seed.providers().forEach(p -> world.putProvider(new World.StoredProvider(p.id(), p.company(), p.kind(),
                    p.name(), p.configuration(), p.password(), p.phoneNumber(), false, now,
                    p.created() == null ? now : p.created(), 1)));
        }
        return Map.of("seeded", true);
    }

    /** Null (404) for an unknown provider; a move needs an existing company. */
    private Object change(ProviderChange change, boolean remove) {
        if (change.id() == null || (!remove && (change.company() == null
                || !simulator.world().companyExists(change.company())))) {
            throw new IllegalArgumentException(remove ? "id is required" : "id and an existing company are required");
        }
        boolean changed = simulator.world().changeProvider(change.id(), remove, remove ? null : change.company(),
                Instant.now());
        return changed ? Map.of(remove ? "removed" : "moved", change.id()) : null;
    }

    private Object ledger(String query) {
        if (query != null && query.startsWith("provider=")) {
            return simulator.ledger().forProvider(query.substring("provider=".length()));
        }
        return simulator.ledger().entries();
    }

    private FaultSettings patch(FaultSettings current, InputStream in) throws IOException {
        var merged = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.valueToTree(current);
        var changes = mapper.readTree(in.readAllBytes());
        if (changes != null && changes.isObject()) {
            merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) changes);
        }
        return mapper.treeToValue(merged, FaultSettings.class);
    }

    private <T> T read(InputStream in, Class<T> type) throws IOException {
        byte[] bytes = in.readAllBytes();
        return mapper.readValue(bytes.length == 0 ? "{}".getBytes() : bytes, type);
    }

    private void respond(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
