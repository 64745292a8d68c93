package com.fleetprovisioner.common;

import java.util.concurrent.ThreadFactory;

/**
 * Threads for the executors that work in the background of a process (timers, callbacks, small
 * HTTP servers): named, so a thread dump says what each one is, and daemon, so none of them keeps
 * the JVM alive once the main work has ended. Each process still closes its executors on shutdown.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Every thread of the factory gets {@code name}. */
    public static ThreadFactory named(String name) {
        return work -> {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
