package io.tributary.output.aws;

import io.tributary.record.Chunk;
import io.tributary.record.EventCursor;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.FlushResult;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delivery loop against an in-memory service that keeps what it accepted and fails what it is told to. */
class BatchDeliveryTest {
    record Item(int event, int size) implements EventSpan {
        @Override public int firstEvent() { return event; }
        @Override public int lastEvent() { return event; }
    }

    /** An in-memory batch service: accepts entries, fails chosen ones, counts calls. */
    static final class MemoryService implements BatchApi<Item> {
        final BatchLimits limits;
        final Map<Integer, AtomicInteger> sends = new ConcurrentHashMap<>();
        final List<Integer> accepted = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        IntPredicate failOnce = e -> false;
        IntPredicate failAlways = e -> false;
        IntPredicate reject = e -> false;
        int throttleCalls;
        String callError;

        MemoryService(BatchLimits limits) { this.limits = limits; }

        @Override public BatchLimits limits() { return limits; }
        @Override public int encodedSize(Item entry) { return entry.size(); }

        @Override public List<EntryResult> send(List<Item> batch) {
            int call = calls.incrementAndGet();
            assertTrue(batch.size() <= limits.maxRecords());
            assertTrue(batch.stream().mapToLong(Item::size).sum() <= limits.maxRequestBytes());
            if (callError != null) throw error(callError, 400);
            if (call <= throttleCalls) throw error("ThrottlingException", 400);
            List<EntryResult> out = new ArrayList<>();
            for (Item i : batch) {
                int n = sends.computeIfAbsent(i.event(), k -> new AtomicInteger()).incrementAndGet();
                if (reject.test(i.event())) {
                    out.add(new EntryResult.Failed("InvalidArgumentException", "bad record", false, false));
                } else if (failAlways.test(i.event()) || (n == 1 && failOnce.test(i.event()))) {
                    out.add(new EntryResult.Failed("ProvisionedThroughputExceededException", "Rate exceeded", true, true));
                } else {
                    accepted.add(i.event());
                    out.add(EntryResult.DELIVERED);
                }
            }
            return out;
        }
    }

    static AwsServiceException error(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " message").build()).build();
    }

    private final TestOutputContext context = new TestOutputContext("kinesis.0");
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final MemoryService service = new MemoryService(new BatchLimits(10, 1000, 200));

    private BatchDelivery<Item> delivery(int attempts) {
        AdaptiveConcurrency c = new AdaptiveConcurrency(4, 8, Duration.ofMillis(100), System::nanoTime, d -> {});
        return new BatchDelivery<>(service, "Put", c, new RetryPolicy(attempts, RetryPolicy.DEFAULT.backoff(), true),
                sleeps::add, new SplittableRandom(1), context.log(), context.meters, "kinesis.0");
    }

    private static Chunk chunk(int n) {
        return Chunks.of("app.log", n, new EventTime(1_700_000_000, 0), i -> Map.of("id", (long) i));
    }

    /** Each event becomes one item of the given size. */
    private static EventEncoder<Item> encoder(java.util.function.IntUnaryOperator size) {
        return (int event, EventCursor c, EventEncoder.Sink<Item> sink) -> sink.accept(new Item(event, size.applyAsInt(event)));
    }

    private static List<Long> ids(Chunk c) {
        List<Long> out = new ArrayList<>();
        for (LogEvent e : c.decodeAll()) out.add((Long) e.body().get("id"));
        return out;
    }

    @Test
    void partialFailureResendsOnlyTheFailedEntries() throws Exception {
        service.failOnce = e -> e % 2 == 0;
        FlushResult r = delivery(5).deliver(chunk(1000), encoder(i -> 50));
        assertEquals(FlushResult.Status.OK, r.status());
        assertEquals(1000, service.accepted.size());
        assertEquals(1000, service.accepted.stream().distinct().count(), "each record accepted exactly once");
        for (int i = 0; i < 1000; i++) assertEquals(i % 2 == 0 ? 2 : 1, service.sends.get(i).get(), "sends of " + i);
        assertTrue(context.meters.get("tributary.output.aws.entries.retried").counter().count() >= 500);
    }

    @Test
    void entriesStillFailingAfterTheBoundGoBackAsTheRemainder() throws Exception {
        service.failAlways = e -> e == 3 || e == 17;
        FlushResult r = delivery(3).deliver(chunk(40), encoder(i -> 50));
        assertEquals(FlushResult.Status.RETRY, r.status());
        assertEquals(List.of(3L, 17L), ids(r.remainder()));
        assertEquals(2, r.remainder().recordCount());
        assertEquals(38, service.accepted.size());
        assertEquals(3, service.sends.get(3).get());
        assertEquals(1, service.sends.get(4).get());
        assertTrue(r.message().contains("ProvisionedThroughputExceededException"), r.message());
        assertEquals(4, sleeps.size(), "two backoffs in each of the two batches holding a failing record");
    }

    @Test
    void rejectedEntriesAreDroppedWithTheirCode() throws Exception {
        service.reject = e -> e == 5;
        FlushResult r = delivery(3).deliver(chunk(20), encoder(i -> 50));
        assertEquals(FlushResult.Status.OK, r.status());
        assertEquals(List.of(new FlushResult.Drop("InvalidArgumentException", 1)), r.drops());
        assertEquals(19, service.accepted.size());
        assertEquals(1, context.count("InvalidArgumentException"));
    }

    @Test
    void oversizeRecordsAreDroppedAndLoggedOncePerFlush() throws Exception {
        FlushResult r = delivery(3).deliver(chunk(30), encoder(i -> i % 10 == 0 ? 201 + i : 200));
        assertEquals(FlushResult.Status.OK, r.status());
        assertEquals(List.of(new FlushResult.Drop("oversize", 3)), r.drops());
        assertEquals(27, service.accepted.size());
        assertEquals(1, context.count("over the 200-byte record limit"));
        assertTrue(context.lines.stream().anyMatch(l -> l.contains("'app.log'") && l.contains("largest 221 bytes")), context.lines.toString());
    }

    @Test
    void aRecordThatCannotBeEncodedIsDroppedAloneAndTheRestDelivered() throws Exception {
        EventEncoder<Item> encoder = (event, c, sink) -> {
            if (event == 3) throw new IllegalStateException("nested too deep");
            sink.accept(new Item(event, 10));
        };
        FlushResult r = delivery(3).deliver(chunk(25), encoder);
        assertEquals(FlushResult.Status.OK, r.status());
        assertEquals(List.of(new FlushResult.Drop("unencodable", 1)), r.drops());
        assertEquals(24, service.accepted.size());
        assertEquals(1, context.count("unencodable (nested too deep)"));
    }

    @Test
    void batchesRespectCountAndBytes() throws Exception {
        FlushResult r = delivery(1).deliver(chunk(95), encoder(i -> 150));
        assertEquals(FlushResult.Status.OK, r.status());
        // 150-byte entries: 6 fit in 1000 bytes, so 16 calls for 95 entries.
        assertEquals(16, service.calls.get());
    }

    @Test
    void wholeCallThrottlingBacksOffThenDelivers() throws Exception {
        service.throttleCalls = 2;
        BatchDelivery<Item> d = delivery(5);
        FlushResult r = d.deliver(chunk(5), encoder(i -> 10));
        assertEquals(FlushResult.Status.OK, r.status());
        assertEquals(5, service.accepted.size());
        assertEquals(3, service.calls.get());
        assertEquals(2, sleeps.size());
        assertEquals(2.0, context.meters.get("tributary.output.aws.calls.throttled").counter().count());
    }

    @Test
    void aRefusedStreamGivesEverythingBackAtOnce() throws Exception {
        service.callError = "ResourceNotFoundException";
        FlushResult r = delivery(5).deliver(chunk(25), encoder(i -> 10));
        assertEquals(FlushResult.Status.RETRY, r.status());
        assertEquals(25, r.remainder().recordCount());
        assertEquals(3, service.calls.get(), "one call per batch, no retries inside the flush");
        assertTrue(r.message().contains("ResourceNotFoundException"));
    }
}
