package com.fleetprovisioner.core.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of the exact request body with the webhook's secret, sent as
 * {@code X-Fleet-Provisioner-Signature: sha256=<hex>}: the receiver recomputes it to know the event is ours.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Fleet-Provisioner-Signature";
    public static final String EVENT_HEADER = "X-Fleet-Provisioner-Event";
    public static final String DELIVERY_HEADER = "X-Fleet-Provisioner-Delivery";

    private WebhookSignature() {
    }

    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
