package com.fleetprovisioner.fleetfreedom;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link FleetFreedomClient} and {@link SessionSupervisor} need. Defaults follow the vendor
 * clients (120 s command timeout, noop after 300 s idle, reconnect doubling up to 300 s).
 * {@link #toString()} masks the password.
 *
 * @param commandsPerSecond pacing; 0 or less means unpaced
 * @param maxInFlight       commands written but not yet answered, at most
 * @param sessionRetries    how often one command is resent after a session error (7, 8, 9, 10, 19)
 */
public record FleetFreedomConfig(URI uri, String username, String password, String userAgent,
                                 Duration commandTimeout, Duration keepAliveIdle, Duration connectTimeout,
                                 double commandsPerSecond, int maxInFlight,
                                 Duration backoffInitial, Duration backoffMax, int sessionRetries) {

    public static final String DEFAULT_USER_AGENT = "fleet-provisioner/0.1";

    public FleetFreedomConfig {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(userAgent, "userAgent");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(keepAliveIdle, "keepAliveIdle");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(backoffInitial, "backoffInitial");
        requirePositive(backoffMax, "backoffMax");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        if (sessionRetries < 0) {
            throw new IllegalArgumentException("sessionRetries must not be negative");
        }
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
            throw new IllegalArgumentException("uri must be ws:// or wss://, was " + endpointOf(uri));
        }
    }

    public static FleetFreedomConfig of(URI uri, String username, String password) {
        return new FleetFreedomConfig(uri, username, password, DEFAULT_USER_AGENT, Duration.ofSeconds(120),
                Duration.ofSeconds(300), Duration.ofSeconds(30), 0, 64, Duration.ofSeconds(1),
                Duration.ofSeconds(300), 3);
    }

    public FleetFreedomConfig withCommandTimeout(Duration timeout) {
        return new FleetFreedomConfig(uri, username, password, userAgent, timeout, keepAliveIdle, connectTimeout,
                commandsPerSecond, maxInFlight, backoffInitial, backoffMax, sessionRetries);
    }

    public FleetFreedomConfig withConnectTimeout(Duration timeout) {
        return new FleetFreedomConfig(uri, username, password, userAgent, commandTimeout, keepAliveIdle, timeout,
                commandsPerSecond, maxInFlight, backoffInitial, backoffMax, sessionRetries);
    }

    public FleetFreedomConfig withKeepAliveIdle(Duration idle) {
        return new FleetFreedomConfig(uri, username, password, userAgent, commandTimeout, idle, connectTimeout,
                commandsPerSecond, maxInFlight, backoffInitial, backoffMax, sessionRetries);
    }

    public FleetFreedomConfig withPacing(double perSecond, int inFlight) {
        return new FleetFreedomConfig(uri, username, password, userAgent, commandTimeout, keepAliveIdle,
                connectTimeout, perSecond, inFlight, backoffInitial, backoffMax, sessionRetries);
    }

    public FleetFreedomConfig withBackoff(Duration initial, Duration max) {
        return new FleetFreedomConfig(uri, username, password, userAgent, commandTimeout, keepAliveIdle,
                connectTimeout, commandsPerSecond, maxInFlight, initial, max, sessionRetries);
    }

    /** Another server or account, with every timeout and the pacing kept. */
    public FleetFreedomConfig withAccount(URI endpoint, String user, String secret) {
        return new FleetFreedomConfig(endpoint, user, secret, userAgent, commandTimeout, keepAliveIdle,
                connectTimeout, commandsPerSecond, maxInFlight, backoffInitial, backoffMax, sessionRetries);
    }

    public FleetFreedomConfig withUserAgent(String agent) {
        return new FleetFreedomConfig(uri, username, password, agent, commandTimeout, keepAliveIdle,
                connectTimeout, commandsPerSecond, maxInFlight, backoffInitial, backoffMax, sessionRetries);
    }

    /** The endpoint without user info, path (a ghostId is a session secret) or query. */
    public URI endpoint() {
        return endpointOf(uri);
    }

    /** The URI to open: the base endpoint plus a saved ghostId as path segment to resume it (§1). */
    URI connectUri(String ghostId) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(),
                    "/" + (ghostId == null ? "" : ghostId), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static URI endpointOf(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), "/", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    @Override
    public String toString() {
        return "FleetFreedomConfig[uri=" + endpoint() + ", username=" + username + ", password=***, userAgent="
                + userAgent + ", commandTimeout=" + commandTimeout + ", keepAliveIdle=" + keepAliveIdle
                + ", connectTimeout=" + connectTimeout + ", commandsPerSecond=" + commandsPerSecond
                + ", maxInFlight=" + maxInFlight + ", backoffInitial=" + backoffInitial + ", backoffMax="
                + backoffMax + ", sessionRetries=" + sessionRetries + "]";
    }
}
