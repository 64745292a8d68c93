package com.fleetprovisioner.fleetfreedom;

import java.time.Duration;
import java.util.Optional;

/** Maps an error reply to the caller's classification (protocol §3). Session errors never reach it. */
final class OutcomeClassifier {

    private OutcomeClassifier() {
    }

    static <T> CommandOutcome<T> classify(Inbound.Reply reply) {
        ErrorCode code = reply.code();
        String message = reply.message();
        Optional<ErrorDetails> details = reply.errorDetails();
        if (code.isStop()) {
            return new CommandOutcome.Stop<>(code, stopReason(code, message));
        }
        if (code.isThrottle()) {
            return new CommandOutcome.Retryable<>(code, message, throttleDelay(details));
        }
        return switch (code) {
            case unknown, service, operationPending, operationRunning ->
                    new CommandOutcome.Retryable<>(code, message, Optional.empty());
            case sessionExpired, userNotLoggedIn, sessionKilled, loggedOut, sessionNotFound ->
                    new CommandOutcome.Retryable<>(code, "session lost repeatedly: " + message, Optional.empty());
            default -> new CommandOutcome.Permanent<>(code, permanentReason(code, message, details), details);
        };
    }

    static Optional<Duration> throttleDelay(Optional<ErrorDetails> details) {
        return details.filter(ErrorDetails.Throttled.class::isInstance)
                .map(ErrorDetails.Throttled.class::cast)
                .flatMap(ErrorDetails.Throttled::delay);
    }

    static String stopReason(ErrorCode code, String message) {
        return switch (code) {
            case invalidCredentials -> "Fleet Freedom rejected the username or password. An admin must fix the"
                    + " credentials before anything else is sent. (" + message + ")";
            case multiUserDenied -> "Another login of the same Fleet Freedom user holds the session and the company"
                    + " policy forbids a second one. An admin must end the other session or give this tool a user of its"
                    + " own. (" + message + ")";
            case passwordExpired -> "The Fleet Freedom password has expired. An admin must change it in Fleet"
                    + " Freedom and update our configuration. (" + message + ")";
            default -> "Fleet Freedom refused the account: " + code + " (" + message + ")";
        };
    }

    private static String permanentReason(ErrorCode code, String message, Optional<ErrorDetails> details) {
        String detail = details.map(d -> " Details: " + d.summary() + ".").orElse("");
        return switch (code) {
            case invalidData -> "Fleet Freedom rejected the data: " + message + "." + detail
                    + " Correct the device row and submit it again.";
            case permissionDenied -> "The Fleet Freedom account has no rights on that company. Ask an admin to"
                    + " grant them, or choose a company the account may manage.";
            case wrongVersionKey -> "Fleet Freedom reported a version key conflict, which this tool never causes"
                    + " on purpose: report it as a bug.";
            case companyNotFound -> "The company does not exist in Fleet Freedom. Check the company id.";
            case providerConfigurationNotFound -> "The provider configuration does not exist in Fleet Freedom."
                    + " Check the configuration id.";
            case providerNotFound -> "The device does not exist in Fleet Freedom.";
            case unknownCommand -> "Fleet Freedom does not know a command this tool sent: report it as a bug.";
            case invalidOperation -> "Fleet Freedom refused the operation in the device's current state: "
                    + message + "." + detail;
            default -> "Fleet Freedom answered " + code + " (" + code.number() + "): " + message + "." + detail;
        };
    }
}
