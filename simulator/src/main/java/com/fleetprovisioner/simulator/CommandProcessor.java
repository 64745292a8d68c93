package com.fleetprovisioner.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fleetprovisioner.fleetfreedom.ErrorCode;
import com.fleetprovisioner.fleetfreedom.FrameCodec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Decides the reply to one parsed command: session rules, then injected faults, then the command itself. */
final class CommandProcessor {

    enum Drop { NONE, BEFORE_APPLY, AFTER_APPLY }

    /** {@code reply} is null when the socket is dropped before anything is applied. */
    record Result(ObjectNode reply, Drop drop) {
    }

    static final Set<String> KNOWN = Set.of("login", "logout", "noop", "getSessionDetails", "getProvider",
            "getProvidersList", "mergeProvider", "removeProvider", "restoreProvider", "getCompaniesList",
            "getProviderConfigsList");
    private static final Set<String> WITHOUT_LOGIN = Set.of("login", "noop", "getSessionDetails");

    private final World world;
    private final SessionStore sessions;
    private final Ledger ledger;
    private final Faults faults;
    private final Replies replies;
    private final FrameCodec codec;
    private final ProviderCommands providers;
    private final SimulatorConfig config;
    private final Receipts receipts;
    private final CommandRate rate;

    CommandProcessor(SimulatorConfig config, World world, SessionStore sessions, Ledger ledger, Receipts receipts,
                     CommandRate rate, Faults faults, FrameCodec codec) {
        this.config = config;
        this.rate = rate;
        this.receipts = receipts;
        this.world = world;
        this.sessions = sessions;
        this.ledger = ledger;
        this.faults = faults;
        this.codec = codec;
        this.replies = new Replies(codec.mapper());
        this.providers = new ProviderCommands(world, replies, config.duplicatePolicy());
    }

    Result handle(Connection c, String name, JsonNode body, Instant now) {
        JsonNode reqId = body.get("reqId");
        receipts.record(name, now);
        if (!KNOWN.contains(name)) {
            return reply(replies.error(reqId, ErrorCode.unknownCommand, "Unknown command '" + name + "'"));
        }
        FaultSettings f = faults.get();
        boolean merge = "mergeProvider".equals(name);
        String providerId = merge ? body.path("provider").path("id").asText("") : null;
        // The store holds the current version of a session (expiry can be changed from outside).
        Session s = c.session == null ? null : sessions.find(c.session.ghostId()).orElse(null);
        if (!WITHOUT_LOGIN.contains(name)) {
            Optional<ObjectNode> refused = sessionRefusal(c, s, reqId, now, f);
            if (refused.isPresent()) {
                record(merge, providerId, now, Ledger.Outcome.SESSION_ERROR, refused.get(), null);
                return reply(refused.get());
            }
            Optional<Fault> fault = injectedFault(c, s, name, reqId, now, f);
            if (fault.isPresent()) {
                record(merge, providerId, now, fault.get().outcome(), fault.get().reply(), s);
                return reply(fault.get().reply());
            }
        }
        return switch (name) {
            case "login" -> reply(login(c, reqId, body, now, f));
            case "logout" -> reply(logout(c, s, reqId));
            case "noop" -> reply(replies.ok(reqId));
            case "getSessionDetails" -> reply(sessionShape(replies.ok(reqId), s != null ? s : c.guest, now, f));
            case "getProvider" -> reply(providers.getProvider(s, reqId, body));
            case "getProvidersList" -> reply(providers.getProvidersList(s, reqId, body));
            case "getCompaniesList" -> reply(providers.getCompaniesList(s, reqId, body));
            case "getProviderConfigsList" -> reply(providers.getProviderConfigsList(s, reqId, body));
            case "removeProvider" -> reply(providers.removeOrRestore(s, reqId, body, true, now));
            case "restoreProvider" -> reply(providers.removeOrRestore(s, reqId, body, false, now));
            default -> merge(s, providerId, reqId, body, now, f);
        };
    }

    /** Attaches a saved, unexpired session to a new connection; null when there is none to resume. */
    Session resume(Connection c, String ghostId, Instant now) {
        if (ghostId == null || ghostId.isEmpty()) {
            return null;
        }
        FaultSettings f = faults.get();
        Optional<Session> s = sessions.find(ghostId).filter(x -> !x.expiredAt(now, f.sessionExpirySeconds()));
        s.ifPresent(x -> {
            sessions.attach(x, c);
            c.session = x;
        });
        return s.orElse(null);
    }

    /** Gives a connection without a resumed session its guest ghostId and expiry (every connectionResponse has both). */
    Session welcomeGuest(Connection c, Instant now) {
        c.guest = sessions.guest(now);
        return c.guest;
    }

    ObjectNode sessionShape(ObjectNode body, Session s, Instant now) {
        return sessionShape(body, s, now, faults.get());
    }

    /** The session shape of connectionResponse / loginResponse / getSessionDetailsResponse / sessionEnded. */
    ObjectNode sessionShape(ObjectNode body, Session s, Instant now, FaultSettings f) {
        body.put("serverTime", FrameCodec.formatTime(now));
        if (s == null) {
            return body;
        }
        body.put("ghostId", s.ghostId());
        body.put("expiry", FrameCodec.formatTime(s.effectiveExpiry(f.sessionExpirySeconds())));
        if (s.user() == null) {
            return body;
        }
        body.set("user", replies.object().put("login", s.user().username()).put("company", s.user().company()));
        body.set("sessionPolicy", replies.object()
                .put("expireTimeout", config.sessionTimeout().toMinutes())
                .put("multiUser", config.multiUserPolicy().name().toLowerCase()));
        body.set("passwordPolicy", replies.object());
        return body;
    }

    private Result merge(Session s, String providerId, JsonNode reqId, JsonNode body, Instant now, FaultSettings f) {
        if (roll(f.dropBeforeMergeRate())) {
            ledger.record(new Ledger.Entry(providerId, now, Ledger.Outcome.DROPPED_BEFORE_APPLY, -1, s.ghostId()));
            return new Result(null, Drop.BEFORE_APPLY);
        }
        ProviderCommands.MergeResult m = providers.merge(s, reqId, body, now);
        boolean applied = m.outcome() == Ledger.Outcome.CREATED || m.outcome() == Ledger.Outcome.UPDATED;
        boolean dropAfter = applied && roll(f.dropAfterMergeRate());
        Ledger.Outcome outcome = dropAfter && m.outcome() == Ledger.Outcome.CREATED
                ? Ledger.Outcome.CREATED_REPLY_DROPPED : m.outcome();
        record(true, providerId, now, outcome, m.reply(), s);
        return new Result(m.reply(), dropAfter ? Drop.AFTER_APPLY : Drop.NONE);
    }

    private Optional<ObjectNode> sessionRefusal(Connection c, Session s, JsonNode reqId, Instant now, FaultSettings f) {
        if (s == null) {
            return Optional.of(replies.error(reqId, ErrorCode.userNotLoggedIn, "Please login before all other operations"));
        }
        if (s.expiredAt(now, f.sessionExpirySeconds())) {
            sessions.remove(s.ghostId());
            c.session = null;
            return Optional.of(replies.error(reqId, ErrorCode.sessionExpired, "Session expired"));
        }
        return Optional.empty();
    }

    private record Fault(ObjectNode reply, Ledger.Outcome outcome) {
    }

    private Optional<Fault> injectedFault(Connection c, Session s, String name, JsonNode reqId, Instant now,
                                               FaultSettings f) {
        if (f.throttleLimit() > 0) {
            int count = c.countInWindow(now.toEpochMilli(), f.throttleWindowMillis());
            if (count > f.throttleLimit()) {
                return Optional.of(new Fault(throttled(reqId, ErrorCode.commandThrottled, c, s, name, count, f),
                        Ledger.Outcome.THROTTLED));
            }
        }
        if (f.commandRateLimit() > 0 && !rate.admit(now, f.commandRateLimit())) {
            return Optional.of(new Fault(throttled(reqId, ErrorCode.commandThrottled, c, s, name, f.commandRateLimit(), f),
                    Ledger.Outcome.THROTTLED));
        }
        for (Map.Entry<Integer, Double> error : f.errorRates().entrySet()) {
            if (roll(error.getValue())) {
                ErrorCode code = ErrorCode.of(error.getKey());
                ObjectNode reply = code.isThrottle() ? throttled(reqId, code, c, s, name, 0, f)
                        : replies.error(reqId, code, "Injected fault: " + code);
                return Optional.of(new Fault(reply, Ledger.Outcome.INJECTED_ERROR));
            }
        }
        return Optional.empty();
    }

    private ObjectNode throttled(JsonNode reqId, ErrorCode code, Connection c, Session s, String command, int count,
                                 FaultSettings f) {
        ObjectNode d = replies.details("throttled").put("ghostId", s.ghostId()).put("login", s.user().username())
                .put("ip", c.ip()).put("command", command).put("count", count)
                .put("timeout", f.throttleTimeoutSeconds());
        return replies.error(reqId, code, "Command not processed due to flooding", d);
    }

    private ObjectNode login(Connection c, JsonNode reqId, JsonNode body, Instant now, FaultSettings f) {
        String username = body.path("username").asText("");
        Optional<SimulatorConfig.SeedUser> user = world.user(username)
                .filter(u -> u.password().equals(body.path("password").asText(null)));
        if (user.isEmpty()) {
            return replies.error(reqId, ErrorCode.invalidCredentials, "Invalid credentials");
        }
        var elsewhere = sessions.heldElsewhere(username, c);
        if (!elsewhere.isEmpty() && config.multiUserPolicy() == SimulatorConfig.MultiUserPolicy.DENY) {
            return replies.error(reqId, ErrorCode.multiUserDenied, "Session is active from another client");
        }
        if (config.multiUserPolicy() == SimulatorConfig.MultiUserPolicy.REPLACE) {
            elsewhere.forEach(e -> endSession(e.getKey(), e.getValue(), now, f));
        }
        if (c.session != null) {
            sessions.remove(c.session.ghostId());
        }
        Session s = sessions.create(user.get(), now, c);
        c.session = s;
        return sessionShape(replies.ok(reqId), s, now, f);
    }

    private void endSession(Session old, Connection holder, Instant now, FaultSettings f) {
        sessions.remove(old.ghostId());
        holder.session = null;
        holder.send(codec.encode("sessionEnded", sessionShape(replies.ok(null), old, now, f)));
    }

    private ObjectNode logout(Connection c, Session s, JsonNode reqId) {
        sessions.remove(s.ghostId());
        c.session = null;
        return replies.ok(reqId);
    }

    private void record(boolean merge, String providerId, Instant now, Ledger.Outcome outcome, ObjectNode reply,
                        Session s) {
        if (merge) {
            ledger.record(new Ledger.Entry(providerId, now, outcome, reply.path("errorCode").asInt(),
                    s == null ? null : s.ghostId()));
        }
    }

    private static Result reply(ObjectNode body) {
        return new Result(body, Drop.NONE);
    }

    private static boolean roll(double rate) {
        return rate > 0 && (rate >= 1 || ThreadLocalRandom.current().nextDouble() < rate);
    }
}
