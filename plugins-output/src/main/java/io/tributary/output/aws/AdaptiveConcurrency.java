package io.tributary.output.aws;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Additive-increase, multiplicative-decrease control of the calls one output instance makes, so that a throttled
 * stream makes it slow down instead of hammering. Two knobs move together:
 * <ul>
 * <li>the number of calls in flight: +1 per window of successful calls, halved on throttling;</li>
 * <li>a minimum spacing between call starts: zero while all is well, doubled on throttling (from 10 ms up to a
 *     cap), and shrunk by a tenth on each success. Concurrency alone cannot slow a single sender whose calls take
 *     a millisecond; the spacing can.</li>
 * </ul>
 * Only one decrease happens per round trip: a throttled answer to a call started before the last decrease was
 * already accounted for, so a burst of throttled replies halves the limit once, not once per reply.
 */
public final class AdaptiveConcurrency {
    /** How a call ended, as far as load on the service is concerned. */
    public enum Outcome { SUCCESS, THROTTLED, FAILED }

    /** A granted call slot. */
    public record Permit(long epoch) {}

    static final Duration MIN_SPACING = Duration.ofMillis(10);

    private final int maxLimit;
    private final long maxSpacingNanos;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFree = lock.newCondition();
    private double limit;
    private long spacingNanos;
    private long nextStartNanos;
    private int inFlight;
    private long epoch;

    public AdaptiveConcurrency(int initialLimit, int maxLimit, Duration maxSpacing, LongSupplier nanoClock, Sleeper sleeper) {
        if (maxLimit < 1 || initialLimit < 1 || initialLimit > maxLimit) {
            throw new IllegalArgumentException("limits " + initialLimit + "/" + maxLimit);
        }
        this.maxLimit = maxLimit;
        this.limit = initialLimit;
        this.maxSpacingNanos = Math.max(MIN_SPACING.toNanos(), maxSpacing.toNanos());
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.nextStartNanos = nanoClock.getAsLong();
    }

    /** Waits for a free slot and for the spacing since the previous call start. */
    public Permit acquire() throws InterruptedException {
        long startAt;
        Permit permit;
        lock.lockInterruptibly();
        try {
            while (inFlight >= (int) limit) slotFree.await();
            inFlight++;
            long now = nanoClock.getAsLong();
            startAt = spacingNanos == 0 ? now : Math.max(now, nextStartNanos);
            nextStartNanos = startAt + spacingNanos;
            permit = new Permit(epoch);
        } finally {
            lock.unlock();
        }
        long wait = startAt - nanoClock.getAsLong();
        if (wait > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                release(permit, Outcome.FAILED);
                throw e;
            }
        }
        return permit;
    }

    public void release(Permit permit, Outcome outcome) {
        lock.lock();
        try {
            inFlight--;
            switch (outcome) {
                case SUCCESS -> {
                    limit = Math.min(maxLimit, limit + 1.0 / limit);
                    spacingNanos = spacingNanos < 1_000_000 ? 0 : spacingNanos - spacingNanos / 10;
                }
                case THROTTLED -> {
                    if (permit.epoch() == epoch) {
                        limit = Math.max(1, limit / 2);
                        spacingNanos = Math.min(maxSpacingNanos, Math.max(MIN_SPACING.toNanos(), spacingNanos * 2));
                        epoch++;
                    }
                }
                case FAILED -> { }
            }
            slotFree.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The current limit on calls in flight (a meter). */
    public double limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** The current minimum spacing between call starts (a meter). */
    public Duration spacing() {
        lock.lock();
        try {
            return Duration.ofNanos(spacingNanos);
        } finally {
            lock.unlock();
        }
    }

    public int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }
}
