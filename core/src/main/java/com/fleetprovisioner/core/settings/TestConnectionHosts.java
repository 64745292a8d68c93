package com.fleetprovisioner.core.settings;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The hosts "Test connection" may reach ({@code FP_TEST_CONNECTION_HOSTS}), so that the settings page
 * cannot be used to probe the internal network. Entries: a host name or address, {@code *.domain}
 * (the domain and its sub-domains) or {@code loopback} (localhost, 127.0.0.0/8, ::1: the simulators).
 * The endpoint in force is always allowed: testing it again is what the button is for.
 */
public record TestConnectionHosts(List<String> entries) {
    public static final String LOOPBACK = "loopback";
    public static final List<String> DEFAULTS = List.of("*.trakit.ca", "*.fleetfreedom.com", LOOPBACK);

    public TestConnectionHosts {
        entries = entries.stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).toList();
    }

    /** A comma-separated list; blank gives {@link #DEFAULTS}. */
    public static TestConnectionHosts parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new TestConnectionHosts(DEFAULTS);
        }
        return new TestConnectionHosts(Arrays.asList(raw.split(",")));
    }

    public boolean allows(URI target, Optional<URI> inForce) {
        String host = host(target);
        if (host.isEmpty()) {
            return false;
        }
        if (inForce.map(TestConnectionHosts::host).filter(host::equals).isPresent()) {
            return true;
        }
        return entries.stream().anyMatch(entry -> matches(entry, host));
    }

    private static boolean matches(String entry, String host) {
        if (entry.equals(LOOPBACK)) {
            return loopback(host);
        }
        if (entry.startsWith("*.")) {
            String domain = entry.substring(2);
            return host.equals(domain) || host.endsWith("." + domain);
        }
        return host.equals(entry);
    }

    /** Literal loopback addresses and localhost only: no name is resolved here. */
    private static boolean loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String host(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }
}
