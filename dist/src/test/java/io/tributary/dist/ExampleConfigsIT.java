package io.tributary.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example under conf/ (as shipped in the distribution) passes a dry run of the real launcher. */
class ExampleConfigsIT {
    @TempDir Path tlsDir;

    @Test
    void everyShippedExampleConfigValidates() throws Exception {
        // conf/syslog-to-firehose.conf reads its TLS certificate and key from SYSLOG_TLS_CRT_FILE/SYSLOG_TLS_KEY_FILE.
        Map<String, String> env = new HashMap<>(ThrowawayTls.create(tlsDir).env());
        env.put("AWS_REGION", "us-east-1");
        Path conf = TributaryProcess.home().resolve("conf");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(conf)) {
            s.filter(p -> p.toString().endsWith(".conf") || p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith("parsers"))
                    .sorted().forEach(files::add);
        }
        assertTrue(files.size() >= 1, "examples found: " + files);
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            try (TributaryProcess p = TributaryProcess.start(env, "--dry-run", "-c", f.toString())) {
                int code = p.waitFor(Duration.ofSeconds(30));
                if (code != 0) failures.add(f.getFileName() + ":\n" + p.stderr());
            }
        }
        assertEquals(List.of(), failures);
    }
}
