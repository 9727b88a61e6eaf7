package io.tributary.cli;

import sun.misc.Signal;

/**
 * POSIX signal handling. The JVM's default for SIGTERM runs shutdown hooks and exits with status 143; Fluent
 * Bit flushes and exits 0, and orchestrators read a non-zero code as a crash, so we take the signal ourselves.
 */
final class Signals {
    private Signals() {}

    /** Runs {@code action} on its own thread when the signal arrives; false if the platform lacks it. */
    static boolean on(String name, Runnable action) {
        try {
            Signal.handle(new Signal(name), s -> Thread.ofPlatform().name("signal-" + name).start(action));
            return true;
        } catch (IllegalArgumentException unsupported) {
            return false;
        }
    }
}
