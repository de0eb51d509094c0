package org.rispacs.api.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one way the modules make background threads: daemons (a listener, a timer or a demo never
 * keeps the JVM from stopping) with names that say whose they are in a thread dump. It lives in
 * {@code api} because that is the one module every other depends on, and it needs nothing but the JDK.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Every thread of the factory is called {@code name} (for single-threaded executors). */
    public static ThreadFactory named(String name) {
        return task -> daemon(task, name);
    }

    /** Threads called {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return task -> daemon(task, prefix + "-" + number.incrementAndGet());
    }

    /** Starts the task on a daemon thread of its own. */
    public static Thread start(String name, Runnable task) {
        Thread thread = daemon(task, name);
        thread.start();
        return thread;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
