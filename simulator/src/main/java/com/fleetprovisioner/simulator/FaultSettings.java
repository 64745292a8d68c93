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
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FaultSettings(long latencyMinMillis, long latencyMaxMillis, Map<Integer, Double> errorRates,
                            int throttleLimit, long throttleWindowMillis, double throttleTimeoutSeconds,
                            long sessionExpirySeconds, double dropBeforeMergeRate, double dropAfterMergeRate,
                            boolean refuseConnections) {

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
        return new FaultSettings(0, 0, Map.of(), 0, 1000, 1, 0, 0, 0, false);
    }

    public FaultSettings withLatency(long minMillis, long maxMillis) {
        return new FaultSettings(minMillis, maxMillis, errorRates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, sessionExpirySeconds, dropBeforeMergeRate, dropAfterMergeRate, refuseConnections);
    }

    public FaultSettings withErrorRate(int code, double rate) {
        Map<Integer, Double> rates = new HashMap<>(errorRates);
        rates.put(code, rate);
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, rates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, sessionExpirySeconds, dropBeforeMergeRate, dropAfterMergeRate, refuseConnections);
    }

    public FaultSettings withThrottle(int limit, long windowMillis, double timeoutSeconds) {
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, errorRates, limit, windowMillis, timeoutSeconds,
                sessionExpirySeconds, dropBeforeMergeRate, dropAfterMergeRate, refuseConnections);
    }

    public FaultSettings withSessionExpirySeconds(long seconds) {
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, errorRates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, seconds, dropBeforeMergeRate, dropAfterMergeRate, refuseConnections);
    }

    public FaultSettings withDropBeforeMerge(double rate) {
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, errorRates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, sessionExpirySeconds, rate, dropAfterMergeRate, refuseConnections);
    }

    public FaultSettings withDropAfterMerge(double rate) {
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, errorRates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, sessionExpirySeconds, dropBeforeMergeRate, rate, refuseConnections);
    }

    public FaultSettings withRefuseConnections(boolean refuse) {
        return new FaultSettings(latencyMinMillis, latencyMaxMillis, errorRates, throttleLimit, throttleWindowMillis,
                throttleTimeoutSeconds, sessionExpirySeconds, dropBeforeMergeRate, dropAfterMergeRate, refuse);
    }
}
