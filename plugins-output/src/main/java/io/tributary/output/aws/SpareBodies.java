package io.tributary.output.aws;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Request-body buffers given back after their call, for the next one. A PutRecords or PutRecordBatch body is up to
 * 5 MiB (1.3 MB for 500 records of 300 bytes); made new per call, each was zeroed, filled once and left to the
 * collector. A few are kept, as many as calls usually run at once; a burst of more makes new ones that are not kept.
 */
public final class SpareBodies<B> {
    private final ConcurrentLinkedQueue<B> spares = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int max;
    private final Supplier<B> factory;

    public SpareBodies(int max, Supplier<B> factory) {
        this.max = max;
        this.factory = factory;
    }

    /** A kept buffer, or a new one; its contents are undefined. */
    public B take() {
        B b = spares.poll();
        if (b == null) return factory.get();
        count.decrementAndGet();
        return b;
    }

    /** Runs {@code call} with a body from {@link #take}, which is kept for a later call however {@code call} ends. */
    public <R> R lend(Function<B, R> call) {
        B body = take();
        try {
            return call.apply(body);
        } finally {
            give(body);
        }
    }

    /** Keeps {@code body} for a later call if there is room; the caller must not use it again. */
    public void give(B body) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            return;
        }
        spares.offer(body);
    }
}
