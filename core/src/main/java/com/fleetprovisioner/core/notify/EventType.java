package com.fleetprovisioner.core.notify;

import com.fleetprovisioner.core.common.StoredId;

/** What a notification is about. The id is the {@code event} field of the webhook JSON. */
public enum EventType implements StoredId {
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
        return StoredId.fromId(EventType.class, id);
    }
}
