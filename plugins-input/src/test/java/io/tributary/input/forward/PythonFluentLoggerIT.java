package io.tributary.input.forward;

import io.tributary.testing.Await;

import io.tributary.record.EventTime;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Debian's python3-fluent-logger 0.10: Message mode with EventTime (nanosecond_precision). */
class PythonFluentLoggerIT {
    @Test
    void messageModeRecordsArriveInOrderWithTheirTimes() throws Exception {
        int n = 3_000;
        long base = 1_700_000_000L;
        try (RunningForward fw = RunningForward.start(new RecordingInputContext())) {
            List<String> cmd = new ArrayList<>(ClientTools.python("send-python.py"));
            cmd.addAll(List.of(String.valueOf(fw.port()), String.valueOf(n), "python", String.valueOf(base)));
            ClientTools.Result r = ClientTools.run(cmd, 120);
            assertEquals(0, r.exitCode(), r.output());
            Await.until(java.time.Duration.ofSeconds(20), n + " records", () -> fw.context.count() >= n);
            var got = fw.context.events();
            assertEquals(n, got.size());
            for (int i = 0; i < n; i++) {
                var e = got.get(i).event();
                assertEquals("python.py", got.get(i).tag());
                assertEquals((long) i, e.body().get("seq"));
                // The client turns a float into EventTime as int(t) and int(t % 1 * 1e9): the same double arithmetic here.
                double t = (double) (base + i / 1000) + (i % 1000) / 1000.0;
                assertEquals(new EventTime((long) t, (int) ((t % 1) * 1e9)), e.time(), "time of " + i);
            }
        }
    }
}
