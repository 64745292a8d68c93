package com.fleetprovisioner.core.notify;

/** Sends a plain-text email; throws when the server refused it or could not be reached. */
public interface Mailer {
    /** False when no SMTP server is configured: no email deliveries are created then. */
    boolean configured();

    void send(String to, String subject, String text) throws Exception;
}
