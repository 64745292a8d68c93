package com.fleetprovisioner.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start a {@link Simulator}. Ports 0 pick free ports. Without seed data the simulator has user
 * {@code ops@example.com} / {@code secret} in company 42 "Demo Fleet", with child company 43, and three
 * configurations ({@link #DEMO_CONFIGURATIONS}).
 *
 * @param controlHost  the control API's listen address: loopback unless told otherwise, whatever
 *                     {@code host} the WebSocket listens on
 * @param controlToken the bearer token every control API request but {@code GET /health} needs; random
 *                     unless given
 */
public record SimulatorConfig(String host, int port, int controlPort, List<SeedUser> users,
                              List<SeedCompany> companies, List<SeedConfiguration> configurations,
                              DuplicatePolicy duplicatePolicy, MultiUserPolicy multiUserPolicy,
                              Duration sessionTimeout, FaultSettings faults, String controlHost, String controlToken,
                              List<SeedProvider> providers) {

    /** What {@code mergeProvider} without {@code v} does for an id that exists (protocol §5). */
    public enum DuplicatePolicy { REJECT, UPDATE }

    /** Company session policy for several logins of one user (protocol §1). */
    public enum MultiUserPolicy { ALLOW, DENY, REPLACE }

    public record SeedUser(String username, String password, long company) {
        @Override
        public String toString() {
            return "SeedUser[username=" + username + ", password=***, company=" + company + "]";
        }
    }

    public record SeedCompany(long id, String name, Long parent) {
    }

    public record SeedConfiguration(long id, long company, String name, String kind) {
    }

    /** A provider present before anything connects: added "by someone else", never through the product. */
    public record SeedProvider(String id, String kind, long company) {
    }

    public SimulatorConfig {
        users = List.copyOf(users);
        companies = List.copyOf(companies);
        configurations = List.copyOf(configurations);
        providers = List.copyOf(providers);
    }

    public static final SeedUser DEMO_USER = new SeedUser("ops@example.com", "secret", 42);
    public static final List<SeedCompany> DEMO_COMPANIES = List.of(
            new SeedCompany(42, "Demo Fleet", null), new SeedCompany(43, "Demo Fleet — East", 42L));
    /** The demo companies' configurations, for the pickers to show by name. */
    public static final List<SeedConfiguration> DEMO_CONFIGURATIONS = List.of(
            new SeedConfiguration(7001, 42, "Standard tracking", "calamp"),
            new SeedConfiguration(7002, 42, "Frequent reporting", "teltonika"),
            new SeedConfiguration(7003, 43, "East depot", "genx"));

    public static SimulatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().host(host).port(port).controlPort(controlPort).controlHost(controlHost)
                .controlToken(controlToken).duplicatePolicy(duplicatePolicy)
                .multiUserPolicy(multiUserPolicy).sessionTimeout(sessionTimeout).faults(faults);
        users.forEach(b::user);
        companies.forEach(b::company);
        configurations.forEach(b::configuration);
        providers.forEach(b::provider);
        return b;
    }

    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", port=" + port + ", controlHost=" + controlHost + ", controlPort="
                + controlPort + ", users=" + users + ", controlToken=***]";
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private String controlHost = "127.0.0.1";
        private String controlToken;
        private int port;
        private int controlPort;
        private final List<SeedUser> users = new ArrayList<>();
        private final List<SeedCompany> companies = new ArrayList<>();
        private final List<SeedConfiguration> configurations = new ArrayList<>();
        private final List<SeedProvider> providers = new ArrayList<>();
        private DuplicatePolicy duplicatePolicy = DuplicatePolicy.REJECT;
        private MultiUserPolicy multiUserPolicy = MultiUserPolicy.ALLOW;
        private Duration sessionTimeout = Duration.ofMinutes(60);
        private FaultSettings faults = FaultSettings.none();

        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder controlPort(int value) { controlPort = value; return this; }
        public Builder controlHost(String value) { controlHost = value; return this; }
        public Builder controlToken(String value) { controlToken = value; return this; }
        public Builder user(SeedUser value) { users.add(value); return this; }
        public Builder user(String username, String password, long company) {
            return user(new SeedUser(username, password, company));
        }
        public Builder company(SeedCompany value) { companies.add(value); return this; }
        public Builder company(long id, String name, Long parent) { return company(new SeedCompany(id, name, parent)); }
        public Builder configuration(SeedConfiguration value) { configurations.add(value); return this; }
        public Builder provider(SeedProvider value) { providers.add(value); return this; }
        public Builder duplicatePolicy(DuplicatePolicy value) { duplicatePolicy = value; return this; }
        public Builder multiUserPolicy(MultiUserPolicy value) { multiUserPolicy = value; return this; }
        public Builder sessionTimeout(Duration value) { sessionTimeout = value; return this; }
        public Builder faults(FaultSettings value) { faults = value; return this; }

        /** Users and companies fall back to the demo seed when none are given. */
        public SimulatorConfig build() {
            List<SeedCompany> c = new ArrayList<>(companies);
            List<SeedUser> u = new ArrayList<>(users);
            List<SeedConfiguration> k = new ArrayList<>(configurations);
            if (c.isEmpty()) {
                c.addAll(DEMO_COMPANIES);
                if (k.isEmpty()) {
                    k.addAll(DEMO_CONFIGURATIONS);
                }
                u.stream().map(SeedUser::company).distinct()
                        .filter(id -> c.stream().noneMatch(x -> x.id() == id))
                        .forEach(id -> c.add(new SeedCompany(id, "Company " + id, null)));
            }
            if (u.isEmpty()) {
                u.add(DEMO_USER);
            }
            String token = controlToken == null || controlToken.isBlank()
                    ? com.fleetprovisioner.common.Secrets.randomToken(24) : controlToken;
            return new SimulatorConfig(host, port, controlPort, u, c, k, duplicatePolicy,
                    multiUserPolicy, sessionTimeout, faults, controlHost, token, providers);
        }
    }
}
