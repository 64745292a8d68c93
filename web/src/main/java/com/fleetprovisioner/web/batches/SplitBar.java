package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.provisioning.DeviceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A batch's progress bar split by outcome: provisioned, failed, needs review, cancelled and in progress
 * (sending or retrying), drawn left to right on a 0–1000 scale (SVG attributes, which the page's CSP
 * allows where inline styles are not); what is still queued is the empty rest. The same numbers are
 * the bar's text equivalent.
 */
public record SplitBar(List<Segment> segments, long queued, long total) {
    /** {@code key} names the segment's CSS class and message; {@code x}/{@code width} on the 0–1000 scale. */
    public record Segment(String key, long count, int x, int width) {
    }

    static final int SCALE = 1000;

    public static SplitBar of(Map<DeviceState, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long[] parts = {
            get(counts, DeviceState.PROVISIONED), get(counts, DeviceState.FAILED), get(counts, DeviceState.NEEDS_REVIEW),
            get(counts, DeviceState.CANCELLED), get(counts, DeviceState.SENDING) + get(counts, DeviceState.RETRYING)};
        String[] keys = {"provisioned", "failed", "needs_review", "cancelled", "in_progress"};
        List<Segment> segments = new ArrayList<>();
        long before = 0;
        for (int i = 0; i < parts.length; i++) {
            // edges from the running sum, so the widths add up to the whole and never leave a gap
            int x = edge(before, total);
            before += parts[i];
            segments.add(new Segment(keys[i], parts[i], x, edge(before, total) - x));
        }
        return new SplitBar(segments, get(counts, DeviceState.QUEUED), total);
    }

    public Segment segment(String key) {
        return segments.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }

    private static int edge(long upTo, long total) {
        return total == 0 ? 0 : (int) (upTo * SCALE / total);
    }

    private static long get(Map<DeviceState, Long> counts, DeviceState s) {
        return counts.getOrDefault(s, 0L);
    }
}
