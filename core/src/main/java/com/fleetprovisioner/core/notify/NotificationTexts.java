package com.fleetprovisioner.core.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * What an event says: the email subject and text (from a bundle, in the recipient's language) and the
 * webhook's JSON (English and codes, for machines).
 */
final class NotificationTexts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUNDLE_NAME = "com.fleetprovisioner.core.notify.notifications";
    /** Never the JVM's default locale: a language with no file reads the English base file. */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final String publicUrl;

    NotificationTexts(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    String batchLink(long batchId) {
        return publicUrl + "/batches/" + batchId;
    }

    /** The locale of a user's stored language tag; none stored ("automatic": no browser to ask) is English. */
    static Locale locale(Optional<String> languageTag) {
        return languageTag.map(Locale::forLanguageTag).orElse(Locale.ROOT);
    }

    String batchSubject(EndedBatch batch, Locale locale) {
        return format(locale, "batch.subject", batch.batchId(), text(locale, "batch.state." + batch.state().id()),
                batch.count(DeviceState.PROVISIONED), batch.count(DeviceState.FAILED),
                batch.count(DeviceState.NEEDS_REVIEW), batch.count(DeviceState.CANCELLED));
    }

    String batchEmail(EndedBatch batch, Locale locale) {
        return format(locale, "batch.body", batch.batchId(), batch.fileName().orElse(text(locale, "batch.noFile")),
                text(locale, "batch.state." + batch.state().id()), batch.count(DeviceState.PROVISIONED),
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

    String pipelineSubject(PipelineStatus status, Locale locale) {
        return format(locale, "pipeline.subject", truncate(status.stoppedReason().orElse(""), 120));
    }

    String pipelineEmail(PipelineStatus status, Locale locale) {
        return format(locale, "pipeline.body", status.stoppedAt()
                        .map(at -> Text.writtenUtc(at, locale.getLanguage().isEmpty() ? Locale.ENGLISH : locale)).orElse(""),
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

    private static String text(Locale locale, String key) {
        return ResourceBundle.getBundle(BUNDLE_NAME, locale, NO_FALLBACK).getString(key);
    }

    private static String format(Locale locale, String key, Object... args) {
        MessageFormat format = new MessageFormat(text(locale, key), locale);
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
