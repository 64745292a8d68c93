package com.fleetprovisioner.core.billing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A month's devices whose billing started, counted by the database per company and kind (a few groups,
 * whatever the number of devices); the totals per company, per kind and overall are sums of those.
 */
public record BillingTotals(BillingMonth month, List<Group> groups) {
    public record Group(long companyId, String kind, long devices) {
    }

    public BillingTotals {
        groups = List.copyOf(groups);
    }

    /** Company → devices, by company number. */
    public Map<Long, Long> perCompany() {
        Map<Long, Long> totals = new TreeMap<>();
        groups.forEach(g -> totals.merge(g.companyId(), g.devices(), Long::sum));
        return totals;
    }

    /** Kind → devices, by kind. */
    public Map<String, Long> perKind() {
        Map<String, Long> totals = new TreeMap<>();
        groups.forEach(g -> totals.merge(g.kind(), g.devices(), Long::sum));
        return totals;
    }

    /** Kind → devices within one company. */
    public Map<String, Long> kindsOf(long companyId) {
        Map<String, Long> totals = new TreeMap<>();
        groups.stream().filter(g -> g.companyId() == companyId).forEach(g -> totals.merge(g.kind(), g.devices(), Long::sum));
        return totals;
    }

    public long devices() {
        return groups.stream().mapToLong(Group::devices).sum();
    }
}
