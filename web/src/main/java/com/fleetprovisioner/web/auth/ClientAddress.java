package com.fleetprovisioner.web.auth;

import com.fleetprovisioner.core.config.TrustedProxies;
import io.javalin.http.Context;

/**
 * Where a request came from. {@code X-Forwarded-For} and {@code X-Forwarded-Proto} count only with
 * {@code FP_TRUST_PROXY} and only from a peer in {@code FP_TRUSTED_PROXIES}; then the client is the
 * rightmost forwarded hop that is not itself a trusted proxy (hops further left are the client's own
 * claims). Anything else uses the socket's peer, so a spoofed header buys no new address.
 */
public final class ClientAddress {
    private static final int MAX_FORWARDED_KEPT = 200;

    private final boolean trustProxy;
    private final TrustedProxies proxies;

    public ClientAddress(boolean trustProxy, TrustedProxies proxies) {
        this.trustProxy = trustProxy;
        this.proxies = proxies;
    }

    /** The address that throttling and the audit log use as the client's. */
    public String client(Context ctx) {
        String peer = peer(ctx);
        if (!fromTrustedProxy(ctx)) {
            return peer;
        }
        String[] hops = ctx.header("X-Forwarded-For").split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (TrustedProxies.literal(hop).isEmpty()) {
                break; // junk in the chain: the last hop we could read stands
            }
            client = hop;
            if (!proxies.contains(hop)) {
                break;
            }
        }
        return client;
    }

    /** The socket's peer: the one address nobody can make up. */
    public static String peer(Context ctx) {
        return ctx.req().getRemoteAddr();
    }

    /** The raw {@code X-Forwarded-For} as sent (cut short), for the audit log; empty when none. */
    public static String forwardedFor(Context ctx) {
        String header = ctx.header("X-Forwarded-For");
        if (header == null) {
            return "";
        }
        String clean = header.replaceAll("[^0-9A-Za-z:.,\\[\\] _-]", "?");
        return clean.length() <= MAX_FORWARDED_KEPT ? clean : clean.substring(0, MAX_FORWARDED_KEPT);
    }

    /** HTTPS directly, or as a trusted proxy reports it. */
    public boolean https(Context ctx) {
        if ("https".equalsIgnoreCase(ctx.scheme())) {
            return true;
        }
        return trustProxy && proxies.contains(peer(ctx)) && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private boolean fromTrustedProxy(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-For");
        return trustProxy && forwarded != null && !forwarded.isBlank() && proxies.contains(peer(ctx));
    }
}
