package io.tributary.input.syslog;

import io.tributary.input.support.MapPluginConfig;
import io.tributary.input.support.RecordingInputContext;
import io.tributary.input.support.TestEnvironment;
import io.tributary.record.LogEvent;
import io.tributary.spi.Parser;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A syslog input started on 127.0.0.1 (port 0) with an in-memory context. */
final class SyslogServerFixture implements AutoCloseable {
    final RecordingInputContext context;
    final SyslogInput input;

    SyslogServerFixture(Map<String, String> settings, Parser... parsers) throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("listen", "127.0.0.1");
        all.put("port", "0");
        all.putAll(settings);
        TestEnvironment env = TestEnvironment.with(parsers);
        input = (SyslogInput) new SyslogInputFactory().create(new MapPluginConfig("syslog", SyslogConfig.SPEC, all), env);
        context = new RecordingInputContext("syslog.0", "syslog.test", env.parsers());
        input.start(context);
    }

    int port() { return ((InetSocketAddress) input.boundAddress()).getPort(); }

    List<LogEvent> awaitRecords(int n) {
        RecordingInputContext.await(20_000, n + " records (have " + context.count() + ")", () -> context.count() >= n);
        return context.events();
    }

    @Override public void close() { input.stop(); }
}
