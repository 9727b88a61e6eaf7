package io.tributary.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits on a condition with a deadline, never a bare sleep. */
public final class Await {
    private Await() {}

    public static void until(Duration timeout, String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(timeout + " passed, still waiting for " + what);
            LockSupport.parkNanos(10_000_000);
        }
    }
}
