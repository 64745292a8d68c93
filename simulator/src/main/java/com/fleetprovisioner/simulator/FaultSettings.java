package com.fleetprovisioner.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.HashMap;
import java.util.Map;

/**
 * Faults the simulator injects. Immutable; {@link Faults} holds the current one. JSON field names are the
 * record components (control API). Rates are probabilities 0..1.
 *
 * @param errorRates            error code → probability that a command (other than login, logout, noop,
 *                              getSessionDetails) is answered with that code instead of being applied
 * @param throttleLimit         commands allowed per session per window; 0 = no throttling
 * @param throttleTimeoutSeconds the {@code errorDetails.timeout} sent with 105
 * @param sessionExpirySeconds  sessions expire this long after login; 0 = the normal session timeout
 * @param commandRateLimit      commands per second the whole server accepts, over every session and
 *                              connection (a sliding second); above it a command is answered 105 with
 *                              {@code throttleTimeoutSeconds}, as the real server's undisclosed limit
 *                              would; 0 = no such limit
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FaultSettings(long latencyMinMillis, long latencyMaxMillis, Map<Integer, Double> errorRates,
                            int throttleLimit, long throttleWindowMillis, double throttleTimeoutSeconds,
                            long sessionExpirySeconds, double dropBeforeMergeRate, double dropAfterMergeRate,
                            boolean refuseConnections, int commandRateLimit) {

    public FaultSettings {
        errorRates = errorRates == null ? Map.of() : Map.copyOf(errorRates);
        if (latencyMaxMillis < latencyMinMillis) {
            latencyMaxMillis = latencyMinMillis;
        }
        if (throttleWindowMillis <= 0) {
            throttleWindowMillis = 1000;
        }
    }

    public static FaultSettings none() {
        return new FaultSettings(0, 0, Map.of(), 0, 1000, 1, 0, 0, 0, false, 0);
    }

    public FaultSettings withLatency(long minMillis, long maxMillis) {
        return new FaultSettings(minMillis, maxMillis, errorRates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, sessionExpirySeconds, dropBeforeMergeRate, dropAfterMergeRate, refuseConnections,
                commandRateLimit);
    }

    public FaultSettings withErrorRate(int code, double rate) {
        Map<Integer, Double> rates = new HashMap<>(errorRates);
        rates.put(code, rate);
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, rates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, sessionExpirySeconds, dropBeforeMergeRate, dropAfterMergeRate, refuseConnections,
                commandRateLimit);
    }

    public FaultSettings withThrottle(int limit, long windowMillis, double timeoutSeconds) {
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, errorRates, limit, windowMillis, timeoutSeconds,
                sessionExpirySeconds, dropBeforeMergeRate, dropAfterMergeRate, refuseConnections,
                commandRateLimit);
    }

    public FaultSettings withSessionExpirySeconds(long seconds) {
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, errorRates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, seconds, dropBeforeMergeRate, dropAfterMergeRate, refuseConnections,
                commandRateLimit);
    }

    public FaultSettings withDropBeforeMerge(double rate) {
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, errorRates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, sessionExpirySeconds, rate, dropAfterMergeRate, refuseConnections,
                commandRateLimit);
    }

    public FaultSettings withDropAfterMerge(double rate) {
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, errorRates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, sessionExpirySeconds, dropBeforeMergeRate, rate, refuseConnections,
                commandRateLimit);
    }

    public FaultSettings withRefuseConnections(boolean refuse) {
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, errorRates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, sessionExpirySeconds, dropBeforeMergeRate, dropAfterMergeRate, refuse,
                commandRateLimit);
    }

    public FaultSettings withCommandRateLimit(int perSecond) {
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, errorRates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, sessionExpirySeconds, dropBeforeMergeRate, dropAfterMergeRate, refuseConnections,
                perSecond);
    }
}
