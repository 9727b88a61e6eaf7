package io.tributary.input.forward;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline; fails naming what it waited for. */
final class Deadline {
    private Deadline() {}

    static void await(Duration timeout, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(timeout + " passed, still waiting for " + what);
            LockSupport.parkNanos(5_000_000);
        }
    }
}
