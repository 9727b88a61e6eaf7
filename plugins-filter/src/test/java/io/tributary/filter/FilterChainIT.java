package io.tributary.filter;

import io.tributary.engine.Engine;
import io.tributary.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Filters chained in one classic config, run by the real engine: dummy input → filters → file output. */
class FilterChainIT {
    private Engine engine;

    @AfterEach
    void stop() {
        if (engine != null) engine.stop(Duration.ofSeconds(2));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void grepModifyNestRecordModifierAndRewriteTagInOneConfig(@TempDir Path dir) throws Exception {
        String config = """
                [SERVICE]
                    Flush 0.1
                [INPUT]
                    Name    dummy
                    Tag     app.web
                    Dummy   {"log":"ERROR db down","level":"error","kubernetes":{"labels":{"app":"shop"}},"noise":1}
                    Samples 5
                    Rate    100
                [INPUT]
                    Name    dummy
                    Tag     app.web
                    Dummy   {"log":"INFO ok","level":"info","kubernetes":{"labels":{"app":"other"}}}
                    Samples 5
                    Rate    100
                [FILTER]
                    Name  grep
                    Match app.*
                    Regex $kubernetes['labels']['app'] ^shop$
                [FILTER]
                    Name      modify
                    Match     app.*
                    Condition Key_exists log
                    Remove    noise
                    Rename    level severity
                [FILTER]
                    Name         nest
                    Match        app.*
                    Operation    lift
                    Nested_under kubernetes
                    Add_prefix   k8s_
                [FILTER]
                    Name   record_modifier
                    Match  *
                    Record env prod
                [FILTER]
                    Name  rewrite_tag
                    Match app.*
                    Rule  $log ^ERROR alerts.$TAG[1] true
                [OUTPUT]
                    Name   file
                    Match  app.*
                    Path   %1$s
                    File   app.log
                    Format plain
                [OUTPUT]
                    Name   file
                    Match  alerts.*
                    Path   %1$s
                    File   alerts.log
                    Format plain
                """.formatted(dir);
        engine = Engine.fromText(config, Map.of());
        engine.start();
        Path app = dir.resolve("app.log");
        Path alerts = dir.resolve("alerts.log");
        Await.until(Duration.ofSeconds(15), "5 records in app.log and 5 re-tagged ones in alerts.log",
                () -> lines(app).size() >= 5 && lines(alerts).size() >= 5);
        String expected = "{\"log\":\"ERROR db down\",\"severity\":\"error\",\"k8s_labels\":{\"app\":\"shop\"},\"env\":\"prod\"}";
        assertEquals(List.of(expected, expected, expected, expected, expected), lines(app));
        assertEquals(List.of(expected, expected, expected, expected, expected), lines(alerts));
    }
}
