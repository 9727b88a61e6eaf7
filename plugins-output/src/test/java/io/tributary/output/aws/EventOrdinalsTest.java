package io.tributary.output.aws;

import io.tributary.record.Chunk;
import io.tributary.record.EventCursor;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.record.MsgpackWriter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventOrdinalsTest {
    /** Events at the given chunk positions, as BatchDelivery hands them back for a retry. */
    private static Chunk retry(Chunk chunk, int... positions) {
        int[] starts = new int[positions.length];
        int[] ends = new int[positions.length];
        EventCursor c = chunk.cursor();
        for (int i = 0, k = 0; c.next() && k < positions.length; i++) {
            if (i == positions[k]) {
                starts[k] = c.eventStart();
                ends[k++] = c.eventEnd();
            }
        }
        return EventOrdinals.subset(chunk, starts, ends, positions, positions.length);
    }

    private static List<Integer> ordinals(Chunk chunk) {
        List<Integer> out = new ArrayList<>();
        EventCursor c = chunk.cursor();
        for (int i = 0; c.next(); i++) out.add(EventOrdinals.of(c, i));
        return out;
    }

    @Test
    void aRetriedRecordKeepsItsFirstPositionThroughRetriesOfRetries() {
        Chunk chunk = Chunks.of("t", 10, new EventTime(1_700_000_000L, 5), i -> Map.of("n", (long) i));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ordinals(chunk));
        Chunk once = retry(chunk, 2, 5, 9);
        assertEquals(List.of(2, 5, 9), ordinals(once));
        Chunk twice = retry(once, 1, 2);
        assertEquals(List.of(5, 9), ordinals(twice));
        assertEquals(chunk.id(), twice.id());
        assertEquals(chunk.createdMillis(), twice.createdMillis());
    }

    @Test
    void timeBodyAndOtherMetadataAreKept() {
        Map<String, Object> meta = new LinkedHashMap<>(Map.of("otlp", "x"));
        MsgpackWriter w = new MsgpackWriter();
        w.event(new EventTime(1_700_000_000L, 123_456_789), meta, Map.of("log", "hello"));
        w.arrayHeader(2).integer(1_700_000_001L).map(Map.of("log", "old form"));   // [time, body]
        Chunk chunk = new Chunk(7, "t", "in", w.array(), w.size(), 2, 1L);

        List<LogEvent> back = retry(chunk, 0, 1).decodeAll();
        assertEquals(new EventTime(1_700_000_000L, 123_456_789), back.get(0).time());
        assertEquals(Map.of("log", "hello"), back.get(0).body());
        assertEquals(Map.of("otlp", "x", EventOrdinals.KEY, 0L), back.get(0).metadata());
        assertEquals(new EventTime(1_700_000_001L, 0), back.get(1).time());
        assertEquals(Map.of("log", "old form"), back.get(1).body());
        assertEquals(Map.of(EventOrdinals.KEY, 1L), back.get(1).metadata());
    }
}
