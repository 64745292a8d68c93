package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.pacing.SendRate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the provisioning pipeline paces and retries, from the {@code FP_*} variables.
 *
 * <ul>
 * <li>{@code maxAttempts} 8, {@code retryBase} 5 s, {@code retryMax} 300 s: doubling from 5 s reaches the
 * 5-minute cap at the 7th retry, so a device rides out about 15 minutes of server trouble before it is
 * failed — long enough for a restart of the far side, short enough that an operator hears about it
 * the same hour. A delay the server asks for (throttling) always wins over ours.</li>
 * <li>{@code sendRate} {@code auto}: no published limits exist (§5), so the rate all workers share starts
 * at a safe 20/s and finds the limit (see {@code AdaptiveRate}); {@code maxInFlight} 64 per worker process (as many as the default job threads: each waits for its answer).</li>
 * <li>{@code lease} 300 s: at least {@link LeaseFence#minimumLease connect timeout + reply timeout +
 * margin} (30 + 120 + 5 s by default), checked at start. A command is written only while its lease holds
 * with room for the answer ({@link LeaseFence}), so a live worker never sends under a lease another
 * worker may take; a crashed worker's devices are picked up again after it.</li>
 * <li>{@code connectTimeout} 30 s and {@code replyTimeout} 120 s ({@code FP_FF_CONNECT_TIMEOUT_SECONDS},
 * {@code FP_FF_REPLY_TIMEOUT_SECONDS}): the vendor client's reply timeout; a reply later than that is
 * an unknown outcome.</li>
 * <li>{@code pollInterval} 5 s ({@code FP_POLL_SECONDS}): the smallest JobRunr accepts on a SQL database
 * (its default is 15 s). It bounds how long a new batch waits for its first pickup; after that JobRunr
 * fetches more work as soon as workers go idle. With the default server-timeout multiplicand of 4 a
 * dead worker's jobs are seen as orphans after about 20 s; a false orphan on a starved machine is
 * harmless because the device lease, not JobRunr, decides who acts.</li>
 * <li>{@code sweepInterval} 30 s: how often rows without a live job (crash between commit and enqueue,
 * paused batch resumed, pipeline resumed) are enqueued again.</li>
 * </ul>
 *
 * @param sendRate commands per second for all workers together; 0 = unpaced, {@code SendRate.AUTO} = adaptive
 */
public record PipelineSettings(int maxAttempts, Duration retryBase, Duration retryMax, int sendRate,
        int maxInFlight, Duration lease, Duration pollInterval, Duration sweepInterval, Duration connectTimeout,
        Duration replyTimeout) {

    public static PipelineSettings defaults() {
        return new PipelineSettings(8, Duration.ofSeconds(5), Duration.ofSeconds(300), SendRate.AUTO, 64,
                Duration.ofSeconds(300), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(120));
    }

    public PipelineSettings withRetry(int attempts, Duration base, Duration max) {
        return new PipelineSettings(attempts, base, max, sendRate, maxInFlight, lease, pollInterval, sweepInterval,
                connectTimeout, replyTimeout);
    }

    public PipelineSettings withPacing(int rate, int inFlight) {
        return new PipelineSettings(maxAttempts, retryBase, retryMax, rate, inFlight, lease, pollInterval,
                sweepInterval, connectTimeout, replyTimeout);
    }

    public PipelineSettings withTimings(Duration leaseFor, Duration poll, Duration sweep) {
        return new PipelineSettings(maxAttempts, retryBase, retryMax, sendRate, maxInFlight, leaseFor, poll, sweep,
                connectTimeout, replyTimeout);
    }

    public PipelineSettings withFleetFreedomTimeouts(Duration connect, Duration reply) {
        return new PipelineSettings(maxAttempts, retryBase, retryMax, sendRate, maxInFlight, lease, pollInterval,
                sweepInterval, connect, reply);
    }

    /** The Fleet Freedom connection with this pipeline's connect and reply timeouts. */
    public FleetFreedomConfig applyTimeouts(FleetFreedomConfig config) {
        return config.withConnectTimeout(connectTimeout).withCommandTimeout(replyTimeout);
    }

    /** What is logged at start-up, by the variable each value comes from. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("FP_RETRY_MAX_ATTEMPTS", Integer.toString(maxAttempts()));
        out.put("FP_RETRY_BASE_SECONDS", Long.toString(retryBase().toSeconds()));
        out.put("FP_RETRY_MAX_SECONDS", Long.toString(retryMax().toSeconds()));
        out.put("FP_SEND_RATE", SendRate.format(sendRate()));
        out.put("FP_MAX_IN_FLIGHT", Integer.toString(maxInFlight()));
        out.put("FP_LEASE_SECONDS", Long.toString(lease().toSeconds()));
        out.put("FP_FF_CONNECT_TIMEOUT_SECONDS", Long.toString(connectTimeout().toSeconds()));
        out.put("FP_FF_REPLY_TIMEOUT_SECONDS", Long.toString(replyTimeout().toSeconds()));
        out.put("FP_POLL_SECONDS", Long.toString(pollInterval().toSeconds()));
        out.put("FP_SWEEP_SECONDS", Long.toString(sweepInterval().toSeconds()));
        return out;
    }
}
