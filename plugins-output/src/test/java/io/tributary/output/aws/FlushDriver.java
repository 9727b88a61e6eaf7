package io.tributary.output.aws;

import io.tributary.record.Chunk;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputPlugin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Flushes chunks through an output as the engine does: on virtual threads, {@code workers} at once, and a RETRY's
 * remainder (only the records still to send) flushed again after a pause, until every chunk is done.
 */
public final class FlushDriver {
    public final List<FlushResult> results = new CopyOnWriteArrayList<>();
    public final AtomicLong retries = new AtomicLong();
    public final AtomicLong dropped = new AtomicLong();
    public final AtomicLong errors = new AtomicLong();

    private final OutputPlugin output;
    private final int workers;
    private final Duration retryPause;

    public FlushDriver(OutputPlugin output, int workers, Duration retryPause) {
        this.output = output;
        this.workers = workers;
        this.retryPause = retryPause;
    }

    /** Delivers all chunks; returns when each has ended in OK (or ERROR, counted). */
    public void deliver(List<Chunk> chunks) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(workers);
            List<Future<?>> done = new java.util.ArrayList<>();
            for (Chunk c : chunks) {
                slots.acquire();
                done.add(pool.submit(() -> {
                    try {
                        Chunk pending = c;
                        while (pending != null) {
                            FlushResult r = output.flush(pending);
                            results.add(r);
                            dropped.addAndGet(r.droppedRecords());
                            switch (r.status()) {
                                case OK -> pending = null;
                                case ERROR -> { errors.incrementAndGet(); pending = null; }
                                case RETRY -> {
                                    retries.incrementAndGet();
                                    pending = r.remainder() == null ? pending : r.remainder();
                                    Thread.sleep(retryPause);
                                }
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
    }
}
