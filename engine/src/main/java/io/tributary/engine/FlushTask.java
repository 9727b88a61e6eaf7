package io.tributary.engine;

import io.tributary.record.Chunk;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One (chunk, output) pair: what is still to be sent to the output and how many retries it has had. Its state
 * lets {@code storage.total_limit_size} drop a queued or waiting task without racing a flush that starts it.
 */
final class FlushTask {
    enum State { QUEUED, RUNNING, WAITING, DONE }

    private final Delivery delivery;
    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    /** Null: the whole chunk (read from disk again for each attempt when it is kept down). */
    private volatile Chunk pending;
    private volatile int retries;

    FlushTask(Delivery delivery) { this.delivery = delivery; }

    Delivery delivery() { return delivery; }
    Chunk pending() { return pending; }
    int retries() { return retries; }

    /** Records still to be sent to this output. */
    long pendingRecords() {
        Chunk p = pending;
        return p != null ? p.recordCount() : delivery.recordCount();
    }

    /** After a failed attempt: {@code remainder} (or, when null, whatever was pending) is tried again. */
    void retryWith(Chunk remainder) {
        if (remainder != null) pending = remainder;
        retries++;
    }

    boolean move(State from, State to) { return state.compareAndSet(from, to); }

    /** Takes a task that is not being flushed out of play; false when it is running or already done. */
    boolean drop() { return move(State.QUEUED, State.DONE) || move(State.WAITING, State.DONE); }

    void done() { state.set(State.DONE); }
}
