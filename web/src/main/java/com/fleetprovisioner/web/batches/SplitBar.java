package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.provisioning.DeviceState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** The bar's parts in drawing order; {@link #key()} names the segment's CSS class. */
    public enum Part {
        PROVISIONED, FAILED, NEEDS_REVIEW, CANCELLED, IN_PROGRESS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        long count(Map<DeviceState, Long> counts) {
            return switch (this) {
                case PROVISIONED -> get(counts, DeviceState.PROVISIONED);
                case FAILED -> get(counts, DeviceState.FAILED);
                case NEEDS_REVIEW -> get(counts, DeviceState.NEEDS_REVIEW);
                case CANCELLED -> get(counts, DeviceState.CANCELLED);
                case IN_PROGRESS -> get(counts, DeviceState.SENDING) + get(counts, DeviceState.RETRYING);
            };
        }
    }

    public static SplitBar of(Map<DeviceState, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<Segment> segments = new ArrayList<>();
        long before = 0;
        for (Part part : Part.values()) {
            // edges from the running sum, so the widths add up to the whole and never leave a gap
            int x = edge(before, total);
            long count = part.count(counts);
            before += count;
            segments.add(new Segment(part.key(), count, x, edge(before, total) - x));
        }
        return new SplitBar(segments, get(counts, DeviceState.QUEUED), total);
    }

    public Segment segment(Part part) {
        return segments.get(part.ordinal());
    }

    public long provisioned() {
        return segment(Part.PROVISIONED).count();
    }

    public long failed() {
        return segment(Part.FAILED).count();
    }

    public long needsReview() {
        return segment(Part.NEEDS_REVIEW).count();
    }

    public long cancelled() {
        return segment(Part.CANCELLED).count();
    }

    public long inProgress() {
        return segment(Part.IN_PROGRESS).count();
    }

    private static int edge(long upTo, long total) {
        return total == 0 ? 0 : (int) (upTo * SCALE / total);
    }

    private static long get(Map<DeviceState, Long> counts, DeviceState s) {
        return counts.getOrDefault(s, 0L);
    }
}
