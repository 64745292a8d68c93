package com.fleetprovisioner.fleetfreedom;

import java.time.Instant;

/**
 * Whether commands may be written on one connection: ready once logged in or resumed, not ready while
 * a new login is under way, and closing for good once the connection is gone. The dispatcher waits
 * here until it may write.
 */
final class SessionGate {

    private final Object lock = new Object();
    private volatile boolean ready;
    private volatile boolean closing;
    private volatile Instant readySince = Instant.MIN;

    /** Waits until ready or closing; true when commands may be written. */
    boolean awaitReady() throws InterruptedException {
        synchronized (lock) {
            while (!ready && !closing) {
                lock.wait();
            }
        }
        return !closing;
    }

    boolean isReady() {
        return ready;
    }

    boolean isClosing() {
        return closing;
    }

    /** When the current session became ready: a command sent before it was refused by an older session. */
    Instant readySince() {
        return readySince;
    }

    void open(Instant now) {
        readySince = now;
        synchronized (lock) {
            ready = true;
            lock.notifyAll();
        }
    }

    /** A login is needed before anything more is written. */
    void suspend() {
        ready = false;
    }

    void close() {
        synchronized (lock) {
            closing = true;
            ready = false;
            lock.notifyAll();
        }
    }
}
