package io.tributary.input.forward;

import io.tributary.testing.Await;

import org.fluentd.logger.FluentLogger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fluent-logger-java 0.3.4: Message mode, integer seconds. */
class FluentLoggerJavaIT {
    @Test
    void messageModeRecordsArriveInOrder() throws Exception {
        int n = 5_000;
        try (RunningForward fw = RunningForward.start(new RecordingInputContext())) {
            FluentLogger logger = FluentLogger.getLogger("java", "127.0.0.1", fw.port());
            try {
                for (int i = 0; i < n; i++) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("seq", i);
                    data.put("message", "record " + i);
                    assertTrue(logger.log("logger", data, 1_700_000_000L + i), "log " + i);
                }
                logger.flush();
                Await.until(Duration.ofSeconds(30), n + " records", () -> fw.context.count() >= n);
            } finally {
                logger.close();
            }
            var got = fw.context.events();
            assertEquals(n, got.size());
            for (int i = 0; i < n; i++) {
                assertEquals("java.logger", got.get(i).tag());
                assertEquals((long) i, got.get(i).event().body().get("seq"));
                assertEquals(1_700_000_000L + i, got.get(i).event().time().seconds());
                assertEquals(0, got.get(i).event().time().nanos());
            }
        }
    }
}
