package com.fleetprovisioner.fleetfreedom;

import java.time.Duration;
import java.time.Instant;

/**
 * Server clock minus local clock, measured from {@code serverTime} of the session responses, so that
 * billing starts and maintenance windows are read on the server's clock (protocol §5).
 */
final class ServerClockOffset {

    private volatile Duration offset = Duration.ZERO;

    Duration get() {
        return offset;
    }

    Instant toServerTime(Instant local) {
        return local.plus(offset);
    }

    Instant toLocalTime(Instant server) {
        return server.minus(offset);
    }

    /** connectionResponse answers no request: its arrival stands for the server's moment. */
    void measureAtArrival(Instant receivedAt, SessionInfo session) {
        if (session != null && session.serverTime() != null) {
            offset = Duration.between(receivedAt, session.serverTime());
        }
    }

    /** Server time is taken to be the midpoint of the round trip (login, getSessionDetails). */
    void measureRoundTrip(Instant sentAt, Instant receivedAt, SessionInfo session) {
        if (session != null && session.serverTime() != null && sentAt != null) {
            Duration roundTrip = Duration.between(sentAt, receivedAt);
            offset = Duration.between(sentAt.plus(roundTrip.dividedBy(2)), session.serverTime());
        }
    }
}
