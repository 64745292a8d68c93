package com.fleetprovisioner.core.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;

/** What an event says: the email subject and text (from a bundle) and the webhook's JSON. */
final class NotificationTexts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle(
            "com.fleetprovisioner.core.notify.notifications", Locale.ROOT);

    private final String publicUrl;

    NotificationTexts(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    String batchLink(long batchId) {
        return publicUrl + "/batches/" + batchId;
    }

    String batchSubject(EndedBatch batch) {
        return format("batch.subject", batch.batchId(), text("batch.state." + batch.state().id()),
                batch.count(DeviceState.PROVISIONED), batch.count(DeviceState.FAILED),
                batch.count(DeviceState.NEEDS_REVIEW), batch.count(DeviceState.CANCELLED));
    }

    String batchEmail(EndedBatch batch) {
        return format("batch.body", batch.batchId(), batch.fileName().orElse(text("batch.noFile")),
                text("batch.state." + batch.state().id()), batch.count(DeviceState.PROVISIONED),
                batch.count(DeviceState.FAILED), batch.count(DeviceState.NEEDS_REVIEW),
                batch.count(DeviceState.CANCELLED), batch.total(), batchLink(batch.batchId()), publicUrl + "/account");
    }

    String batchJson(EndedBatch batch) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", EventType.BATCH_ENDED.id());
        root.put("batchId", batch.batchId());
        root.put("file", batch.fileName().orElse(null));
        root.put("state", batch.state().id());
        root.put("submittedBy", batch.submitterName().orElse(null));
        root.put("endedAt", batch.endedAt().toString());
        ObjectNode counts = root.putObject("counts");
        for (DeviceState state : DeviceState.values()) {
            counts.put(state.id(), batch.count(state));
        }
        counts.put("total", batch.total());
        ObjectNode links = root.putObject("links");
        links.put("batch", batchLink(batch.batchId()));
        links.put("failed", publicUrl + "/history?batch=" + batch.batchId() + "&state=failed");
        return write(root);
    }

    String pipelineSubject(PipelineStatus status) {
        return format("pipeline.subject", truncate(status.stoppedReason().orElse(""), 120));
    }

    String pipelineEmail(PipelineStatus status) {
        return format("pipeline.body", status.stoppedAt().map(Instant::toString).orElse(""),
                status.stoppedReason().orElse(""), publicUrl + "/settings");
    }

    String pipelineJson(PipelineStatus status) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", EventType.PIPELINE_STOPPED.id());
        root.put("stoppedAt", status.stoppedAt().map(Instant::toString).orElse(null));
        root.put("code", status.stoppedCode().orElse(0));
        root.put("reason", status.stoppedReason().orElse(""));
        root.putObject("links").put("settings", publicUrl + "/settings");
        return write(root);
    }

    private static String text(String key) {
        return BUNDLE.getString(key);
    }

    private static String format(String key, Object... args) {
        MessageFormat format = new MessageFormat(text(key), Locale.ROOT);
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            // numbers as digits, not "1,234": ids and counts are read by machines too
            shown[i] = args[i] instanceof Number ? args[i].toString() : args[i];
        }
        return format.format(shown);
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
