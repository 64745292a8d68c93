package com.fleetprovisioner.core.notify;

import java.util.Locale;

/** What a notification is about. The id is the {@code event} field of the webhook JSON. */
public enum EventType {
    BATCH_ENDED("batch.ended"),
    PIPELINE_STOPPED("pipeline.stopped");

    private final String id;

    EventType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static EventType fromId(String id) {
        for (EventType type : values()) {
            if (type.id.equals(id)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown event type " + id.toLowerCase(Locale.ROOT));
    }
}
