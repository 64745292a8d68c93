package com.fleetprovisioner.core.notify;

import java.util.Optional;

/**
 * A delivery to create. {@code recipientKey} ("user:7", "webhook:3") with the event key is unique: the
 * same event never reaches the same recipient twice.
 */
public record NewDelivery(String eventKey, EventType type, Channel channel, String recipient, String recipientKey,
        Optional<Long> webhookId, String subject, String payload) {
}
