package io.tributary.output.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tributary.record.Chunk;
import io.tributary.record.EventCursor;
import io.tributary.record.MalformedMsgpackException;
import io.tributary.spi.FlushResult;
import io.tributary.spi.OutputContext;
import io.tributary.spi.PluginLog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/**
 * Delivers chunks through a {@link BatchApi}: encodes each event, packs entries into batches within the service's
 * limits, sends the batches concurrently (bounded by {@link AdaptiveConcurrency}), retries only the entries that
 * failed with backoff inside the flush, and hands back to the engine exactly the events still undelivered. An
 * entry the service accepted is never sent again, so Tributary itself causes no duplicates.
 *
 * <p>One instance per output instance; {@link #deliver} runs on the engine's flush threads, several at once.
 */
public final class BatchDelivery<E extends EventSpan> implements AutoCloseable {
    private final BatchApi<E> api;
    private final String operation;
    private final AdaptiveConcurrency concurrency;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final PluginLog log;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Counter calls;
    private final Counter throttledCalls;
    private final Counter entryRetries;

    public BatchDelivery(BatchApi<E> api, String operation, AdaptiveConcurrency concurrency, RetryPolicy policy,
                         Sleeper sleeper, RandomGenerator random, PluginLog log, MeterRegistry meters, String instance) {
        this.api = api;
        this.operation = operation;
        this.concurrency = concurrency;
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.log = log;
        Tags tags = Tags.of("name", instance, "operation", operation);
        this.calls = Counter.builder("tributary.output.aws.calls").tags(tags)
                .description("Batch calls made to the AWS service").register(meters);
        this.throttledCalls = Counter.builder("tributary.output.aws.calls.throttled").tags(tags)
                .description("Batch calls the service throttled, in whole or in part").register(meters);
        this.entryRetries = Counter.builder("tributary.output.aws.entries.retried").tags(tags)
                .description("Entries sent again inside a flush after the service refused them").register(meters);
        Gauge.builder("tributary.output.aws.concurrency", concurrency, AdaptiveConcurrency::limit).tags(tags)
                .description("Calls allowed in flight now (AIMD)").register(meters);
        Gauge.builder("tributary.output.aws.call.spacing.seconds", concurrency, c -> c.spacing().toNanos() / 1e9).tags(tags)
                .description("Minimum time between call starts now (AIMD)").register(meters);
    }

    /**
     * The delivery of one output instance as every AWS output sets it up: calls in flight start at
     * min(8, maxConcurrency) and adapt (AIMD) up to maxConcurrency, call spacing grows to at most 1 s under
     * throttling, and failed entries are retried as {@code policy} says. {@code random} need not be thread-safe:
     * draws are serialized here.
     */
    public static <E extends EventSpan> BatchDelivery<E> forOutput(BatchApi<E> api, String operation, int maxConcurrency,
                                                                  RetryPolicy policy, Sleeper sleeper, RandomGenerator random,
                                                                  OutputContext context) {
        AdaptiveConcurrency concurrency = new AdaptiveConcurrency(Math.min(8, maxConcurrency), maxConcurrency,
                Duration.ofSeconds(1), System::nanoTime, sleeper);
        RandomGenerator shared = new RandomGenerator() {
            @Override public long nextLong() {
                synchronized (random) {
                    return random.nextLong();
                }
            }
        };
        return new BatchDelivery<>(api, operation, concurrency, policy, sleeper, shared, context.log(), context.meters(),
                context.name());
    }

    public FlushResult deliver(Chunk chunk, EventEncoder<E> encoder) throws InterruptedException {
        return new Flush(chunk).run(encoder);
    }

    @Override public void close() { senders.shutdownNow(); }

    /** What became of one batch. */
    private record BatchOutcome<T>(List<T> undelivered, String lastProblem) {}

    /** The state of one chunk's delivery. */
    private final class Flush implements EventEncoder.Sink<E> {
        private final Chunk chunk;
        private int[] starts;
        private int[] ends;
        private int events;
        private final BitSet dropped = new BitSet();
        private final DropReport drops = new DropReport();
        private final List<Future<BatchOutcome<E>>> inFlight = new ArrayList<>();
        private Batcher<E> batcher;
        private boolean keepOrdinals;
        /** Why later batches of an in-order flush are held back; null while all went well. */
        private String orderBlocked;

        Flush(Chunk chunk) {
            this.chunk = chunk;
            int n = Math.max(16, chunk.recordCount());
            this.starts = new int[n];
            this.ends = new int[n];
            this.batcher = new Batcher<>(api.limits());
        }

        FlushResult run(EventEncoder<E> encoder) throws InterruptedException {
            keepOrdinals = encoder.keepsOrdinals();
            EventCursor cursor = chunk.cursor();
            try {
                while (cursor.next()) {
                    if (events == starts.length) {
                        starts = Arrays.copyOf(starts, events * 2);
                        ends = Arrays.copyOf(ends, events * 2);
                    }
                    starts[events] = cursor.eventStart();
                    ends[events] = cursor.eventEnd();
                    int event = events++;
                    try {
                        encoder.encode(event, cursor, this);
                    } catch (RuntimeException e) {
                        // One record that cannot be written (nested too deep, say) must not fail the flush: batches
                        // already sent would be sent again with the whole chunk.
                        synchronized (dropped) {
                            dropped.set(event);
                        }
                        drops.add("unencodable", 1, cursor.eventLength(), String.valueOf(e.getMessage()));
                    }
                }
            } catch (MalformedMsgpackException e) {
                // The engine validates what it buffers, so this is corruption: the rest of the chunk is unreadable.
                int rest = Math.max(0, chunk.recordCount() - events);
                drops.add("malformed", rest, 0, e.getMessage());
            }
            encoder.finish(this);
            dispatch();

            List<E> undelivered = new ArrayList<>();
            String problem = null;
            InterruptedException interrupted = null;
            for (Future<BatchOutcome<E>> f : inFlight) {
                try {
                    BatchOutcome<E> o = f.get();
                    undelivered.addAll(o.undelivered());
                    if (o.lastProblem() != null) problem = o.lastProblem();
                } catch (InterruptedException e) {
                    interrupted = e;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(operation + " sender failed", e.getCause());
                }
            }
            if (interrupted != null) throw interrupted;

            drops.log(log, chunk.tag(), api.limits().maxRecordBytes());
            if (undelivered.isEmpty()) return drops.total() == 0 ? FlushResult.ok() : FlushResult.ok(drops.drops());
            return FlushResult.retry(remainder(undelivered), drops.drops(), problem == null ? operation + " failed" : problem);
        }

        /** The chunk's events that the undelivered entries carry, in chunk order, without dropped ones. */
        private Chunk remainder(List<E> undelivered) {
            BitSet retry = new BitSet(events);
            for (E e : undelivered) e.markEvents(retry);
            retry.andNot(dropped);
            int count = retry.cardinality();
            int[] s = new int[count];
            int[] en = new int[count];
            int[] positions = new int[count];
            int k = 0;
            for (int i = retry.nextSetBit(0); i >= 0; i = retry.nextSetBit(i + 1)) {
                s[k] = starts[i];
                positions[k] = i;
                en[k++] = ends[i];
            }
            return keepOrdinals ? EventOrdinals.subset(chunk, s, en, positions, count) : chunk.subset(s, en, count);
        }

        @Override public void accept(E entry) {
            int size = api.encodedSize(entry);
            Batcher.Offer offer = batcher.offer(entry, size);
            if (offer == Batcher.Offer.FULL) {
                dispatch();
                offer = batcher.offer(entry, size);
            }
            if (offer == Batcher.Offer.TOO_LARGE) {
                synchronized (dropped) {
                    entry.markEvents(dropped);
                }
                drops.add("oversize", entry.eventCount(), size, null);
            }
        }

        @Override public void drop(int event, String reason, long size) {
            synchronized (dropped) {
                dropped.set(event);
            }
            drops.add(reason, 1, size, null);
        }

        private void dispatch() {
            if (batcher.isEmpty()) return;
            List<E> batch = batcher.entries();
            batcher = new Batcher<>(api.limits());
            if (!api.ordered()) {
                inFlight.add(senders.submit(() -> sendWithRetries(batch, drops, dropped)));
                return;
            }
            // In order: one batch at a time, and none after a batch that left entries undelivered, so that no
            // record overtakes one that came before it.
            BatchOutcome<E> outcome = orderBlocked != null ? new BatchOutcome<>(batch, orderBlocked)
                    : sendWithRetries(batch, drops, dropped);
            if (orderBlocked == null && !outcome.undelivered().isEmpty()) {
                orderBlocked = "not sent after an undelivered batch (in-order delivery)"
                        + (outcome.lastProblem() == null ? "" : ": " + outcome.lastProblem());
            }
            inFlight.add(CompletableFuture.completedFuture(outcome));
        }
    }

    /** Sends one batch; on partial failure, only the failed entries go again. */
    private BatchOutcome<E> sendWithRetries(List<E> batch, DropReport drops, BitSet dropped) {
        List<E> pending = batch;
        String problem = null;
        boolean retriedAtOnce = false;
        for (int attempt = 1; ; attempt++) {
            AdaptiveConcurrency.Permit permit;
            try {
                permit = concurrency.acquire();
            } catch (InterruptedException e) {
                return new BatchOutcome<>(pending, "interrupted while waiting to send");
            }
            List<EntryResult> results;
            calls.increment();
            try {
                results = api.send(pending);
            } catch (Exception e) {
                AwsErrors.Failure f = AwsErrors.classify(e);
                concurrency.release(permit, f.throttled() ? AdaptiveConcurrency.Outcome.THROTTLED : AdaptiveConcurrency.Outcome.FAILED);
                if (f.throttled()) throttledCalls.increment();
                problem = operation + " failed: " + f.code() + ": " + f.message();
                if (log.isDebugEnabled()) log.debug(problem + " (attempt " + attempt + ", " + pending.size() + " entries)");
                // A refusal of the whole call names no entry, so nothing is dropped for it: the records go back to
                // the engine, whose Retry_Limit decides, and the log says why.
                if (f.kind() == AwsErrors.Kind.REJECTED || f.kind() == AwsErrors.Kind.STUCK) {
                    return new BatchOutcome<>(pending, problem);
                }
                if (f.network() && policy.retryNetworkErrorAtOnce() && !retriedAtOnce) {
                    // A connection the endpoint closed while idle: try again at once, once, as Fluent Bit does.
                    retriedAtOnce = true;
                    attempt--;
                    continue;
                }
                if (attempt >= policy.maxAttempts() || !pause(attempt)) return new BatchOutcome<>(pending, problem);
                entryRetries.increment(pending.size());
                continue;
            }
            if (results.size() != pending.size()) {
                // The answer does not say which entries were taken; resending risks duplicates, dropping loses data.
                concurrency.release(permit, AdaptiveConcurrency.Outcome.FAILED);
                problem = operation + " answered " + results.size() + " results for " + pending.size() + " entries";
                return new BatchOutcome<>(pending, problem);
            }
            List<E> failed = null;
            int throttled = 0;
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof EntryResult.Failed f) {
                    if (f.throttled()) throttled++;
                    if (f.retryable()) {
                        if (failed == null) failed = new ArrayList<>();
                        failed.add(pending.get(i));
                        problem = operation + ": " + f.code() + ": " + f.message();
                    } else {
                        reject(pending.get(i), f.code(), f.message(), drops, dropped);
                    }
                }
            }
            concurrency.release(permit, outcome(throttled, results.size()));
            if (throttled > 0) throttledCalls.increment();
            if (failed == null) return new BatchOutcome<>(List.of(), null);
            pending = failed;
            if (attempt >= policy.maxAttempts() || !pause(attempt)) return new BatchOutcome<>(pending, problem);
            entryRetries.increment(pending.size());
        }
    }

    /**
     * Every entry of a real batch throttled: the stream is full, space the calls. At least half: fewer calls at
     * once. A few (one hot shard among several, with random partition keys): hold the pace, since the retries of
     * those entries back off on their own and the other shards still have room. A small retry batch that failed
     * whole says little (two entries fail together a quarter of the time at a 50% failure rate), so it only
     * counts as "at least half".
     */
    static AdaptiveConcurrency.Outcome outcome(int throttled, int entries) {
        if (throttled == 0) return AdaptiveConcurrency.Outcome.SUCCESS;
        if (throttled == entries && entries >= 10) return AdaptiveConcurrency.Outcome.THROTTLED;
        if (throttled * 2 >= entries) return AdaptiveConcurrency.Outcome.PARTLY_THROTTLED;
        return AdaptiveConcurrency.Outcome.FAILED;
    }

    private boolean pause(int attempt) {
        try {
            sleeper.sleep(policy.backoff().delay(attempt, random));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void reject(E entry, String code, String message, DropReport drops, BitSet dropped) {
        synchronized (dropped) {
            entry.markEvents(dropped);
        }
        drops.add(code, entry.eventCount(), api.encodedSize(entry), message);
    }
}
