package io.tributary.input.pipe;

import io.tributary.config.ConfigDocument;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigSection;
import io.tributary.input.support.RecordingInputContext;
import io.tributary.input.support.RegexTestParser;
import io.tributary.input.support.Rsyslog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * conf/osquery-syslog.conf: rsyslog's ompipe writing osquery's CSV template into named_pipe, parsed with the
 * config's own [PARSER] regex (dist's ExampleConfigsIT dry-runs the whole file).
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
        ConfigDocument doc = ConfigLoader.load(CONF, Map.of());
        ConfigSection parserSection = doc.sections("PARSER").get(0);
        var parser = RegexTestParser.of(parserSection.get("Name").orElseThrow(), parserSection.get("Regex").orElseThrow(), "datetime");
        Path fifo = dir.resolve("syslog_pipe");
        try (var pipe = new PipeFixture(Map.of("path", fifo.toString(), "parser", parser.name()), parser);
             var rsyslog = Rsyslog.start(dir.resolve("rsyslog"), "", csvTemplate(fifo.toString()))) {
            rsyslog.log("sshd", "Accepted publickey for alice, from \"10.0.0.1\"");
            rsyslog.log("cron", "second message");
            RecordingInputContext.await(20_000, "2 records (rsyslog said: " + rsyslog.output() + ")", () -> pipe.context.count() >= 2);
            var first = pipe.context.events().get(0);
            Map<String, Object> b = first.body();
            assertEquals("sshd:", b.get("tag"), b.toString());
            assertEquals("user", b.get("facility"), b.toString());
            assertEquals("5", b.get("severity"), b.toString());   // logger's default priority user.notice
            // The CSV doubles the quotes inside a field; the message keeps them as rsyslog quoted them.
            assertTrue(String.valueOf(b.get("message")).contains("Accepted publickey for alice, from \"\"10.0.0.1\"\""), b.toString());
            assertTrue(Duration.between(first.time().toInstant(), Instant.now()).abs().getSeconds() < 60, "event time from datetime");
            assertEquals(0, pipe.context.errors());
        }
    }
}
