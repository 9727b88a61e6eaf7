package io.tributary.input.pipe;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.config.ConfigDocument;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigSection;
import io.tributary.engine.Engine;
import io.tributary.engine.PluginCatalog;
import io.tributary.input.support.Rsyslog;
import io.tributary.record.LogEvent;
import io.tributary.testing.Await;
import io.tributary.testing.CollectOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.tributary.testing.Sections.doc;
import static io.tributary.testing.Sections.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * conf/osquery-syslog.conf end to end: rsyslog's ompipe writes osquery's CSV template into a FIFO, named_pipe
 * reads it through the engine with the config's own [PARSER] (dist's ExampleConfigsIT dry-runs the file).
 */
class OsquerySyslogIT {
    static final Path CONF = locate("conf/osquery-syslog.conf");

    static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) return dir.resolve(relative);
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    static String csvTemplate(String pipe) {
        // The same template as the comment in conf/osquery-syslog.conf (osquery's documented one).
        return "template(name=\"OsqueryCsvFormat\" type=\"string\" string=\"%timestamp:::date-rfc3339,csv%,%hostname:::csv%,"
                + "%syslogseverity:::csv%,%syslogfacility-text:::csv%,%syslogtag:::csv%,%msg:::csv%\\n\")\n"
                + "action(type=\"ompipe\" Pipe=\"" + pipe + "\" template=\"OsqueryCsvFormat\")";
    }

    @Test
    void rsyslogOmpipeIntoNamedPipeWithTheExampleParser(@TempDir Path dir) throws Exception {
        ConfigDocument example = ConfigLoader.load(CONF, Map.of());
        ConfigSection parser = example.sections("PARSER").get(0);
        ConfigSection input = example.sections("INPUT").get(0);
        Path fifo = dir.resolve("syslog_pipe");
        Engine engine = Engine.create(doc(section("SERVICE", "flush", "0.1"), parser,
                section("INPUT", "name", "named_pipe", "tag", "osquery.syslog", "path", fifo.toString(),
                        "parser", input.get("Parser").orElseThrow()),
                section("OUTPUT", "name", "collect", "match", "osquery.*", "id", "osquery")),
                Map.of(), PluginCatalog.load(), new SimpleMeterRegistry());
        engine.start();
        try (var rsyslog = Rsyslog.start(dir.resolve("rsyslog"), "", csvTemplate(fifo.toString()))) {
            rsyslog.log("sshd", "Accepted publickey for alice, from \"10.0.0.1\"");
            rsyslog.log("cron", "second message");
            Await.until(Duration.ofSeconds(20), "2 records (rsyslog said: " + rsyslog.output() + ")", () -> CollectOutput.count("osquery") >= 2);
            LogEvent first = CollectOutput.events("osquery").get(0).event();
            Map<String, Object> b = first.body();
            assertEquals("sshd:", b.get("tag"), b.toString());
            assertEquals("user", b.get("facility"), b.toString());
            assertEquals(5L, b.get("severity"), "Types severity:integer; logger's default is user.notice: " + b);
            // The CSV doubles quotes inside a field; the message keeps them as rsyslog wrote them.
            assertTrue(String.valueOf(b.get("message")).contains("Accepted publickey for alice, from \"\"10.0.0.1\"\""), b.toString());
            assertTrue(Duration.between(first.time().toInstant(), Instant.now()).abs().getSeconds() < 60, "event time from datetime: " + first);
            assertEquals("second message", String.valueOf(CollectOutput.events("osquery").get(1).event().body().get("message")).strip());
        } finally {
            engine.stop(Duration.ofSeconds(5));
            CollectOutput.clear("osquery");
        }
    }
}
