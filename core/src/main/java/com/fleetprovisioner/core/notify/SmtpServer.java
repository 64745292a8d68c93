package com.fleetprovisioner.core.notify;

import java.util.Optional;

/**
 * Where notification emails go: from the environment (FP_SMTP_*) until an admin saves other values on
 * the settings page. No username means no authentication. The password never leaves through
 * {@link #toString()}.
 */
public record SmtpServer(String host, int port, Optional<String> username, Optional<String> password, String from,
        boolean startTls) {
    public static final int DEFAULT_PORT = 587;
    public static final String DEFAULT_FROM = "fleet-provisioner@localhost";

    @Override
    public String toString() {
        return "SmtpServer[" + host + ":" + port + ", username=" + username.orElse("(none)") + ", password="
                + (password.isPresent() ? "***" : "(none)") + ", from=" + from + ", startTls=" + startTls + "]";
    }
}
