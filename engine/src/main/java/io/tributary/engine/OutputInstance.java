package io.tributary.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.buffer.FileStorage;
import io.tributary.flush.Backoff;
import io.tributary.flush.RetryPolicy;
import io.tributary.metrics.OutputMeters;
import io.tributary.record.Chunk;
import io.tributary.route.TagMatcher;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputContext;
import io.tributary.spi.OutputPlugin;
import io.tributary.spi.PluginLog;

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running output: its queue of flush tasks, run on virtual threads at most {@code Workers} at once (and
 * within the engine-wide cap), with Fluent Bit's OK / RETRY / ERROR handling, backoff and accounting. With
 * {@code storage.total_limit_size}, the filesystem chunks queued for it are bounded: beyond the limit the oldest
 * ones not being flushed are dropped, counted with reason {@code storage limit} and logged.
 */
public final class OutputInstance implements OutputContext {
    private final String name;
    private final String pluginName;
    private final OutputPlugin plugin;
    private final TagMatcher matcher;
    private final int workers;
    private final RetryPolicy retryPolicy;
    private final Backoff backoff;
    private final OutputMeters meters;
    private final MeterRegistry registry;
    private final PluginLog log;
    private final FlushRuntime runtime;
    /** storage.total_limit_size in bytes; 0 for none. */
    private final long storageLimitBytes;

    private final ConcurrentLinkedQueue<FlushTask> ready = new ConcurrentLinkedQueue<>();
    private final Semaphore slots;
    private final AtomicInteger pendingTasks = new AtomicInteger();
    private final AtomicLong pendingRecords = new AtomicLong();
    private final AtomicLong pendingSinceNanos = new AtomicLong();
    private final AtomicLong lastSuccessNanos = new AtomicLong();
    /** Filesystem chunks queued for this output, oldest first, and their record bytes. */
    private final ConcurrentLinkedDeque<FlushTask> storedTasks = new ConcurrentLinkedDeque<>();
    private final AtomicLong storedBytes = new AtomicLong();

    OutputInstance(String name, String pluginName, OutputPlugin plugin, TagMatcher matcher, int workers,
                   RetryPolicy retryPolicy, Backoff backoff, MeterRegistry registry, FlushRuntime runtime) {
        this(name, pluginName, plugin, matcher, workers, retryPolicy, backoff, registry, runtime, 0);
    }

    OutputInstance(String name, String pluginName, OutputPlugin plugin, TagMatcher matcher, int workers,
                   RetryPolicy retryPolicy, Backoff backoff, MeterRegistry registry, FlushRuntime runtime,
                   long storageLimitBytes) {
        this.storageLimitBytes = storageLimitBytes;
        this.name = name;
        this.pluginName = pluginName;
        this.plugin = plugin;
        this.matcher = matcher;
        this.workers = Math.max(1, workers);
        this.retryPolicy = retryPolicy;
        this.backoff = backoff;
        this.registry = registry;
        this.meters = new OutputMeters(registry, name, pluginName);
        this.log = PluginLog.of("output:" + pluginName + ":" + name);
        this.runtime = runtime;
        this.slots = new Semaphore(this.workers);
        this.lastSuccessNanos.set(System.nanoTime());
    }

    @Override public String name() { return name; }
    @Override public PluginLog log() { return log; }
    @Override public MeterRegistry meters() { return registry; }
    @Override public int workers() { return workers; }

    public String pluginName() { return pluginName; }
    OutputPlugin plugin() { return plugin; }
    public TagMatcher matcher() { return matcher; }
    public OutputMeters outputMeters() { return meters; }
    public RetryPolicy retryPolicy() { return retryPolicy; }

    /** Tasks queued, running or waiting for a retry. */
    public int pendingTasks() { return pendingTasks.get(); }

    public long pendingRecords() { return pendingRecords.get(); }

    /** Record bytes of the filesystem chunks queued for this output (what storage.total_limit_size bounds). */
    public long queuedStorageBytes() { return storedBytes.get(); }

    /**
     * How long this output has had data to send without a successful flush, or zero when it is idle or has
     * succeeded since the data arrived.
     */
    Duration stalledFor(long nowNanos) {
        if (pendingTasks.get() == 0) return Duration.ZERO;
        long since = Math.max(pendingSinceNanos.get(), lastSuccessNanos.get());
        return Duration.ofNanos(Math.max(0, nowNanos - since));
    }

    void submit(Delivery delivery) {
        if (pendingTasks.getAndIncrement() == 0) pendingSinceNanos.set(System.nanoTime());
        pendingRecords.addAndGet(delivery.recordCount());
        FlushTask task = new FlushTask(delivery);
        ready.add(task);
        if (delivery.isStored()) {
            storedTasks.add(task);
            storedBytes.addAndGet(delivery.length());
            if (storageLimitBytes > 0) enforceStorageLimit();
        }
        pump();
    }

    /** Drops the oldest filesystem chunks not being flushed until the queued bytes fit storage.total_limit_size. */
    private void enforceStorageLimit() {
        synchronized (storedTasks) {
            Iterator<FlushTask> it = storedTasks.iterator();
            while (storedBytes.get() > storageLimitBytes && it.hasNext()) {
                FlushTask t = it.next();
                if (!t.drop()) continue;
                long records = t.pendingRecords();
                long queued = storedBytes.get();
                finish(t, records);
                meters.dropped("storage limit", records);
                log.warn("storage.total_limit_size " + storageLimitBytes + " bytes exceeded (" + queued
                        + " bytes queued): dropped the oldest chunk of tag '" + t.delivery().tag() + "' from "
                        + t.delivery().source().name() + ", " + records + " record(s)");
            }
        }
    }

    /** Starts queued tasks while this output has a free worker and the engine a free flush slot. */
    void pump() {
        while (!ready.isEmpty()) {
            if (!slots.tryAcquire()) return;
            if (!runtime.tryAcquireSlot()) {
                slots.release();
                return;
            }
            FlushTask task = ready.poll();
            if (task == null || !task.move(FlushTask.State.QUEUED, FlushTask.State.RUNNING)) {
                slots.release();
                runtime.releaseSlot();
                continue;
            }
            try {
                runtime.executor().execute(() -> run(task));
            } catch (RejectedExecutionException stopped) {
                // The engine has stopped: the task stays as it was (a filesystem chunk stays on disk).
                task.move(FlushTask.State.RUNNING, FlushTask.State.QUEUED);
                slots.release();
                runtime.releaseSlot();
                return;
            }
        }
    }

    private void run(FlushTask task) {
        try {
            Chunk sent = task.pending();
            boolean opened = sent == null;
            if (opened) {
                try {
                    sent = task.delivery().open();
                } catch (InterruptedException e) {
                    // Only a stop interrupts flushes: the chunk stays buffered (on disk, for filesystem storage).
                    Thread.currentThread().interrupt();
                    return;
                } catch (IOException | RuntimeException e) {
                    unreadable(task, e);
                    return;
                }
            }
            try {
                flushAndHandle(task, sent);
            } finally {
                if (opened) task.delivery().close();
            }
        } finally {
            slots.release();
            runtime.releaseSlot();
            pump();
            runtime.pumpAll();
        }
    }

    /** A filesystem chunk that cannot be read back (damaged or removed behind our back) cannot be delivered. */
    private void unreadable(FlushTask task, Exception e) {
        long records = task.pendingRecords();
        meters.error();
        meters.dropped("unreadable chunk file", records);
        log.error("chunk of tag '" + task.delivery().tag() + "' from " + task.delivery().source().name()
                + " cannot be read back, " + records + " record(s) dropped: " + FileStorage.describe(e));
        task.done();
        finish(task, records);
    }

    private void flushAndHandle(FlushTask task, Chunk sent) {
            FlushResult result;
            try {
                result = plugin.flush(sent);
                if (result == null) result = FlushResult.retry("flush returned no result");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = FlushResult.retry("interrupted");
            } catch (Exception | LinkageError e) {
                meters.error();
                log.error("flush of " + describe(sent) + " failed: " + e, e);
                result = FlushResult.retry(String.valueOf(e.getMessage()));
            }
            handle(task, sent, result);
    }

    private void handle(FlushTask task, Chunk sent, FlushResult result) {
        long dropped = result.droppedRecords();
        for (FlushResult.Drop d : result.drops()) {
            meters.dropped(d.reason(), d.records());
        }
        if (dropped > 0) {
            log.warn("dropped " + dropped + " record(s) of tag '" + sent.tag() + "': " + reasons(result));
        }
        switch (result.status()) {
            case OK -> {
                long delivered = Math.max(0, sent.recordCount() - dropped);
                countDelivered(sent, delivered);
                lastSuccessNanos.set(System.nanoTime());
                task.done();
                finish(task, sent.recordCount());
            }
            case RETRY -> {
                Chunk remainder = result.remainder() != null ? result.remainder() : sent;
                long delivered = Math.max(0, sent.recordCount() - remainder.recordCount() - dropped);
                if (delivered > 0) {
                    countDelivered(sent, delivered);
                    lastSuccessNanos.set(System.nanoTime());
                }
                pendingRecords.addAndGet(-(sent.recordCount() - remainder.recordCount()));
                // A whole filesystem chunk kept down is read from disk again rather than held in memory.
                retryOrGiveUp(task, result.remainder(), remainder, result.message());
            }
            case ERROR -> {
                meters.error();
                long lost = Math.max(0, sent.recordCount() - dropped);
                meters.dropped("error", lost);
                log.error("chunk of tag '" + sent.tag() + "' could not be delivered, " + lost
                        + " record(s) dropped: " + result.message());
                task.done();
                finish(task, sent.recordCount());
            }
        }
    }

    private void countDelivered(Chunk sent, long delivered) {
        long bytes = sent.recordCount() == 0 ? 0 : sent.length() * delivered / sent.recordCount();
        meters.delivered(delivered, bytes);
    }

    private void retryOrGiveUp(FlushTask task, Chunk narrowed, Chunk remainder, String why) {
        int retry = task.retries() + 1;
        if (remainder.recordCount() == 0) {
            task.done();
            finish(task, 0);
            return;
        }
        if (!retryPolicy.allows(retry)) {
            meters.retryFailed();
            meters.dropped("retries exhausted", remainder.recordCount());
            log.error("chunk of tag '" + remainder.tag() + "' from " + remainder.inputName() + " failed after "
                    + task.retries() + " retr" + (task.retries() == 1 ? "y" : "ies") + " (Retry_Limit " + retryPolicy
                    + "), " + remainder.recordCount() + " record(s) dropped" + (why.isEmpty() ? "" : ": " + why));
            task.done();
            finish(task, remainder.recordCount());
            return;
        }
        meters.retry();
        Duration delay = runtime.isShuttingDown() ? Duration.ofMillis(200) : backoff.delay(retry);
        log.warn("failed to flush chunk of tag '" + remainder.tag() + "' (" + remainder.recordCount()
                + " records), retry in " + formatSeconds(delay) + (why.isEmpty() ? "" : ": " + why));
        task.retryWith(narrowed);
        if (narrowed != null) task.delivery().narrow(this, narrowed);
        task.move(FlushTask.State.RUNNING, FlushTask.State.WAITING);
        try {
            runtime.timer().schedule(() -> {
                if (task.move(FlushTask.State.WAITING, FlushTask.State.QUEUED)) {
                    ready.add(task);
                    pump();
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // The engine has stopped: the chunk stays buffered (on disk, for filesystem storage, for the next start).
        }
    }

    private void finish(FlushTask task, long records) {
        pendingRecords.addAndGet(-records);
        pendingTasks.decrementAndGet();
        if (task.delivery().isStored() && storedTasks.remove(task)) storedBytes.addAndGet(-task.delivery().length());
        task.delivery().outputDone(this);
        runtime.taskFinished();
    }

    private static String reasons(FlushResult r) {
        StringBuilder sb = new StringBuilder();
        for (FlushResult.Drop d : r.drops()) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(d.records()).append(' ').append(d.reason());
        }
        return sb.toString();
    }

    private static String formatSeconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? (long) s + "s" : String.format(java.util.Locale.ROOT, "%.1fs", s);
    }

    private static String describe(Chunk c) {
        return "chunk of tag '" + c.tag() + "' (" + c.recordCount() + " records)";
    }

    /** Executors and limits shared by all outputs of one engine. */
    interface FlushRuntime {
        Executor executor();
        ScheduledExecutorService timer();
        boolean tryAcquireSlot();
        void releaseSlot();
        void pumpAll();
        void taskFinished();
        boolean isShuttingDown();
    }
}
