package io.tributary.output.aws;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Additive-increase, multiplicative-decrease control of the calls one output instance makes, so that a throttled
 * stream makes it slow down instead of hammering. Two knobs move together:
 * <ul>
 * <li>the number of calls in flight: +1 per window of successful calls, halved on throttling, whole or partial;</li>
 * <li>a minimum spacing between call starts: zero while all is well, doubled on throttling (from 10 ms up to a
 *     cap) when a whole call is throttled, and halved on each success, so that a sender recovers within a few seconds once the stream has room
 *     again. Concurrency alone cannot slow a single sender whose calls take a millisecond; the spacing can.</li>
 * </ul>
 * The concurrency limit drops once per round trip: a throttled answer to a call started before the last decrease
 * was already accounted for, so a burst of throttled replies halves it once, not once per reply. The spacing
 * doubles with every throttled call, so a sender facing a throttled stream reaches the cap within a few calls.
 */
public final class AdaptiveConcurrency {
    /** How a call ended, as far as load on the service is concerned. */
    public enum Outcome {
        SUCCESS,
        /** At least half the entries were throttled: fewer calls at once, but no spacing yet. */
        PARTLY_THROTTLED,
        /** The call, or every entry in it, was throttled: fewer calls and more time between them. */
        THROTTLED,
        /** Neither success nor a throttling signal (network error, a few throttled entries): no change. */
        FAILED
    }

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
        lock.lockInterruptibly();
        try {
            while (inFlight >= (int) limit) slotFree.await();
            inFlight++;
            long now = nanoClock.getAsLong();
            startAt = spacingNanos == 0 ? now : Math.max(now, nextStartNanos);
            nextStartNanos = startAt + spacingNanos;
        } finally {
            lock.unlock();
        }
        long wait = startAt - nanoClock.getAsLong();
        if (wait > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                release(new Permit(-1), Outcome.FAILED);
                throw e;
            }
        }
        // The call starts now: what it learns is news only about decreases made before this moment.
        lock.lock();
        try {
            return new Permit(epoch);
        } finally {
            lock.unlock();
        }
    }

    public void release(Permit permit, Outcome outcome) {
        lock.lock();
        try {
            inFlight--;
            switch (outcome) {
                case SUCCESS -> {
                    limit = Math.min(maxLimit, limit + 1.0 / limit);
                    spacingNanos = spacingNanos < 1_000_000 ? 0 : spacingNanos / 2;
                }
                case PARTLY_THROTTLED -> {
                    if (permit.epoch() == epoch) {
                        limit = Math.max(1, limit / 2);
                        epoch++;
                    }
                }
                case THROTTLED -> {
                    if (permit.epoch() == epoch) {
                        limit = Math.max(1, limit / 2);
                        epoch++;
                    }
                    // Every refused call widens the spacing (up to the cap): the service is saying "not now".
                    spacingNanos = Math.min(maxSpacingNanos, Math.max(MIN_SPACING.toNanos(), spacingNanos * 2));
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
