package com.fleetprovisioner.core.provisioning;

/**
 * What a process knows of its connection to Fleet Freedom, for {@code /health} and the pages.
 *
 * @param state    CONNECTED, CONNECTING, DISCONNECTED, STOPPED (credentials or account problem) or
 *                 NOT_HELD (this process holds no connection: a web process, where workers do)
 * @param target   "simulator" or "fleet-freedom"
 * @param endpoint the socket URL, never with credentials
 * @param detail   a sentence for people
 */
public record ConnectionReport(String state, String target, String endpoint, String detail) {

    public static ConnectionReport notHeld(String target, String endpoint) {
        return new ConnectionReport("NOT_HELD", target, endpoint,
                "This process holds no Fleet Freedom connection; the worker processes do.");
    }
}
