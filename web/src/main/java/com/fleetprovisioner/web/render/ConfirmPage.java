package com.fleetprovisioner.web.render;

import java.util.List;
import java.util.Map;

/**
 * A question asked before a bulk, billable or destructive action, on a page of its own so that it works
 * without JavaScript: what will happen (with the exact count), a button that sends the form with
 * {@code confirm=yes}, and a way back that changes nothing. Texts are message keys with their arguments.
 */
public record ConfirmPage(String titleKey, List<Object> titleArgs, String consequenceKey, List<Object> consequenceArgs,
        String action, Map<String, String> fields, String confirmKey, List<Object> confirmArgs, boolean destructive,
        String back, String backKey) {

    public ConfirmPage {
        titleArgs = List.copyOf(titleArgs);
        consequenceArgs = List.copyOf(consequenceArgs);
        confirmArgs = List.copyOf(confirmArgs);
        fields = Map.copyOf(fields);
    }

    /** The form field a confirmed action carries; a POST without it is answered with this page. */
    public static final String CONFIRM = "confirm";

    public static boolean confirmed(io.javalin.http.Context ctx) {
        return "yes".equals(ctx.formParam(CONFIRM));
    }
}
