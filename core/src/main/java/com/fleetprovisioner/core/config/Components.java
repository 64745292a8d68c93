package com.fleetprovisioner.core.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a process factory built: each component's role and the class of the object it actually wired
 * there. Read from the objects themselves, so that two ways of starting the product (the one-JVM app,
 * separate web and worker processes) can be compared in a test.
 */
public final class Components {
    private final Map<String, String> built = new TreeMap<>();

    /** Records {@code component} under {@code role}; returns the component, to wire it on. */
    public <T> T add(String role, T component) {
        built.put(role, component.getClass().getName());
        return component;
    }

    /** Role to implementation class name, sorted by role. */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(built);
    }

    /** Both descriptions, each role prefixed with its process kind ({@code "web."}, {@code "worker."}). */
    public static Map<String, String> of(Map<String, String> web, Map<String, String> worker) {
        Map<String, String> all = new TreeMap<>();
        web.forEach((role, type) -> all.put("web." + role, type));
        worker.forEach((role, type) -> all.put("worker." + role, type));
        return Collections.unmodifiableMap(all);
    }

    @Override
    public String toString() {
        return built.toString();
    }
}
