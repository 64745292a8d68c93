package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.fleetfreedom.Listings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A flat company list with parent numbers, put in the order a picker shows it: the account's own company,
 * then each company followed by its children (siblings by name), each with its depth. A company whose parent
 * is not in the list hangs under the account's company; a loop in the parents cannot repeat a company.
 */
final class CompanyTree {
    /** Deeper companies are shown at this depth: the indentation must stay readable. */
    static final int MAX_DEPTH = 8;

    private CompanyTree() {
    }

    static List<FleetFreedomDirectory.Company> ordered(long own, List<Listings.Company> flat) {
        Map<Long, Listings.Company> byId = new LinkedHashMap<>();
        flat.forEach(c -> byId.putIfAbsent(c.id(), c));
        byId.putIfAbsent(own, new Listings.Company(own, "", null));
        Map<Long, List<Listings.Company>> children = new LinkedHashMap<>();
        for (Listings.Company c : byId.values()) {
            if (c.id() != own) {
                long parent = c.parent() != null && byId.containsKey(c.parent()) && c.parent() != c.id() ? c.parent() : own;
                children.computeIfAbsent(parent, k -> new ArrayList<>()).add(c);
            }
        }
        Comparator<Listings.Company> byName = Comparator.comparing((Listings.Company c) -> name(c),
                String.CASE_INSENSITIVE_ORDER).thenComparingLong(Listings.Company::id);
        children.values().forEach(list -> list.sort(byName));
        List<FleetFreedomDirectory.Company> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        visit(byId.get(own), 0, children, seen, out);
        // companies only reachable through a loop of parents: still listed, under the account's company
        byId.values().stream().filter(c -> !seen.contains(c.id())).sorted(byName)
                .forEach(c -> visit(c, 1, children, seen, out));
        return out;
    }

    private static void visit(Listings.Company company, int depth, Map<Long, List<Listings.Company>> children,
            Set<Long> seen, List<FleetFreedomDirectory.Company> out) {
        if (!seen.add(company.id())) {
            return;
        }
        out.add(new FleetFreedomDirectory.Company(company.id(), name(company), Math.min(depth, MAX_DEPTH)));
        for (Listings.Company child : children.getOrDefault(company.id(), List.of())) {
            visit(child, depth + 1, children, seen, out);
        }
    }

    private static String name(Listings.Company c) {
        return c.name() == null ? "" : c.name();
    }
}
