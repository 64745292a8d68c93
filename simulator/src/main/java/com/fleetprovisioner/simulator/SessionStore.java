package com.fleetprovisioner.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions by ghostId, and which connection currently holds each. */
final class SessionStore {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Connection> holders = new ConcurrentHashMap<>();
    private final Duration timeout;

    SessionStore(Duration timeout) {
        this.timeout = timeout;
    }

    Session create(SimulatorConfig.SeedUser user, Instant now, Connection holder) {
        Session s = new Session(UUID.randomUUID().toString(), user, now, now.plus(timeout));
        sessions.put(s.ghostId(), s);
        holders.put(s.ghostId(), holder);
        return s;
    }

    /**
     * The ghostId and expiry a connection is given before login. Not stored: resuming it finds nothing
     * (error 19 and a new guest), and a login replaces it (our decision; the vendor's is undocumented).
     */
    Session guest(Instant now) {
        return new Session(UUID.randomUUID().toString(), null, now, now.plus(timeout));
    }

    Optional<Session> find(String ghostId) {
        return ghostId == null ? Optional.empty() : Optional.ofNullable(sessions.get(ghostId));
    }

    void attach(Session s, Connection holder) {
        holders.put(s.ghostId(), holder);
    }

    void remove(String ghostId) {
        sessions.remove(ghostId);
        holders.remove(ghostId);
    }

    /** Live sessions of a user held by an open connection other than {@code except}. */
    List<Map.Entry<Session, Connection>> heldElsewhere(String username, Connection except) {
        return sessions.values().stream().filter(s -> s.user().username().equals(username))
                .map(s -> Map.entry(s, holders.get(s.ghostId())))
                .filter(e -> e.getValue() != null && e.getValue() != except && e.getValue().isOpen())
                .toList();
    }

    /** Makes every session expire now (control API / tests). */
    void expireAll(Instant now) {
        sessions.replaceAll((id, s) -> new Session(s.ghostId(), s.user(), s.createdAt(), now));
    }
}
