package io.tributary.input.syslog;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.InputFactory;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.time.Clock;

/** {@code Name syslog}: RFC 5424 and RFC 3164 over UDP, TCP (optionally TLS) and unix sockets. */
public final class SyslogInputFactory implements InputFactory {
    @Override public String name() { return "syslog"; }

    @Override public String description() {
        return "Syslog server: RFC 5424 and RFC 3164 messages over udp, tcp (newline or octet-counted framing, "
                + "optionally TLS per RFC 5425) and unix sockets.";
    }

    @Override public ConfigSpec spec() { return SyslogConfig.SPEC; }

    @Override public InputPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        return new SyslogInput(SyslogConfig.Settings.from(config, env), Clock.systemUTC());
    }
}
