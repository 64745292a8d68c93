package com.fleetprovisioner.core.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * One notification to one recipient: an email (recipient = address, payload = text) or a webhook call
 * (recipient = URL, payload = the JSON event). Holds no secret.
 */
public record Delivery(long id, String eventKey, EventType type, Channel channel, String recipient,
        Optional<Long> webhookId, String subject, String payload, DeliveryState state, int attempts,
        Optional<String> lastError, Optional<Instant> nextAttemptAt, Instant createdAt,
        Optional<Instant> deliveredAt) {
}
