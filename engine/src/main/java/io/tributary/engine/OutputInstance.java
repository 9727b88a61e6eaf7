package io.tributary.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.flush.Backoff;
import io.tributary.flush.RetryPolicy;
import io.tributary.metrics.OutputMeters;
import io.tributary.record.Chunk;
import io.tributary.route.TagMatcher;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputContext;
import io.tributary.spi.OutputPlugin;
import io.tributary.spi.PluginLog;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running output: its queue of flush tasks, run on virtual threads at most {@code Workers} at once (and
 * within the engine-wide cap), with Fluent Bit's OK / RETRY / ERROR handling, backoff and accounting.
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

    private final ConcurrentLinkedQueue<FlushTask> ready = new ConcurrentLinkedQueue<>();
    private final Semaphore slots;
    private final AtomicInteger pendingTasks = new AtomicInteger();
    private final AtomicLong pendingRecords = new AtomicLong();
    private final AtomicLong pendingSinceNanos = new AtomicLong();
    private final AtomicLong lastSuccessNanos = new AtomicLong();

    OutputInstance(String name, String pluginName, OutputPlugin plugin, TagMatcher matcher, int workers,
                   RetryPolicy retryPolicy, Backoff backoff, MeterRegistry registry, FlushRuntime runtime) {
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
        pendingRecords.addAndGet(delivery.chunk().recordCount());
        ready.add(new FlushTask(delivery, delivery.chunk(), 0));
        pump();
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
            if (task == null) {
                slots.release();
                runtime.releaseSlot();
                continue;
            }
            runtime.executor().execute(() -> run(task));
        }
    }

    private void run(FlushTask task) {
        try {
            FlushResult result;
            try {
                result = plugin.flush(task.pending());
                if (result == null) result = FlushResult.retry("flush returned no result");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = FlushResult.retry("interrupted");
            } catch (Exception | LinkageError e) {
                meters.error();
                log.error("flush of " + describe(task) + " failed: " + e, e);
                result = FlushResult.retry(String.valueOf(e.getMessage()));
            }
            handle(task, result);
        } finally {
            slots.release();
            runtime.releaseSlot();
            pump();
            runtime.pumpAll();
        }
    }

    private void handle(FlushTask task, FlushResult result) {
        Chunk sent = task.pending();
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
                retryOrGiveUp(task, remainder, result.message());
            }
            case ERROR -> {
                meters.error();
                long lost = Math.max(0, sent.recordCount() - dropped);
                meters.dropped("error", lost);
                log.error("chunk of tag '" + sent.tag() + "' could not be delivered, " + lost
                        + " record(s) dropped: " + result.message());
                finish(task, sent.recordCount());
            }
        }
    }

    private void countDelivered(Chunk sent, long delivered) {
        long bytes = sent.recordCount() == 0 ? 0 : sent.length() * delivered / sent.recordCount();
        meters.delivered(delivered, bytes);
    }

    private void retryOrGiveUp(FlushTask task, Chunk remainder, String why) {
        int retry = task.retries() + 1;
        if (remainder.recordCount() == 0) {
            finish(task, 0);
            return;
        }
        if (!retryPolicy.allows(retry)) {
            meters.retryFailed();
            meters.dropped("retries exhausted", remainder.recordCount());
            log.error("chunk of tag '" + remainder.tag() + "' from " + remainder.inputName() + " failed after "
                    + task.retries() + " retr" + (task.retries() == 1 ? "y" : "ies") + " (Retry_Limit " + retryPolicy
                    + "), " + remainder.recordCount() + " record(s) dropped" + (why.isEmpty() ? "" : ": " + why));
            finish(task, remainder.recordCount());
            return;
        }
        meters.retry();
        Duration delay = runtime.isShuttingDown() ? Duration.ofMillis(200) : backoff.delay(retry);
        log.warn("failed to flush chunk of tag '" + remainder.tag() + "' (" + remainder.recordCount()
                + " records), retry in " + formatSeconds(delay) + (why.isEmpty() ? "" : ": " + why));
        FlushTask next = task.retryWith(remainder);
        runtime.timer().schedule(() -> {
            ready.add(next);
            pump();
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void finish(FlushTask task, long records) {
        pendingRecords.addAndGet(-records);
        pendingTasks.decrementAndGet();
        task.delivery().outputDone();
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

    private String describe(FlushTask t) {
        return "chunk of tag '" + t.pending().tag() + "' (" + t.pending().recordCount() + " records)";
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
