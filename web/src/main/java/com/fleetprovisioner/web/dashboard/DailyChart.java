package com.fleetprovisioner.web.dashboard;

import com.fleetprovisioner.core.provisioning.BillingSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of the server-rendered SVG bar chart of devices provisioned per day: the page needs no
 * JavaScript to draw it, and a visually hidden table says the same for screen readers.
 */
public record DailyChart(int width, int height, int plotLeft, int plotTop, int plotBottom, long max, List<Bar> bars) {
    public record Bar(LocalDate date, long count, double x, double y, double width, double height, boolean labelled) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    static final int LEFT = 48;
    static final int TOP = 12;
    static final int BOTTOM = 172;

    public static DailyChart of(BillingSummary billing) {
        List<BillingSummary.Day> days = billing.days();
        long max = Math.max(1, billing.maxPerDay());
        double slot = (WIDTH - LEFT - 8) / (double) days.size();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            BillingSummary.Day day = days.get(i);
            double h = (BOTTOM - TOP) * day.count() / (double) max;
            // a label under the first, the last and every seventh day keeps the axis readable
            boolean labelled = i == 0 || i == days.size() - 1 || (days.size() - 1 - i) % 7 == 0 && i > 2;
            bars.add(new Bar(day.date(), day.count(), round(LEFT + i * slot + slot * 0.15), round(BOTTOM - h),
                    round(slot * 0.7), round(h), labelled));
        }
        return new DailyChart(WIDTH, HEIGHT, LEFT, TOP, BOTTOM, max, bars);
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
