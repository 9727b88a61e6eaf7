package io.tributary.input.pipe;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.InputFactory;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.time.Clock;
import java.util.List;

/** {@code Name named_pipe} (or {@code pipe}): lines from a FIFO, e.g. rsyslog's ompipe feeding osquery-style CSV. */
public final class NamedPipeInputFactory implements InputFactory {
    @Override public String name() { return "named_pipe"; }

    @Override public List<String> aliases() { return List.of("pipe", "fifo"); }

    @Override public String description() {
        return "Reads lines from a named pipe (FIFO), creating it if missing; each line becomes a record "
                + "(as text, as JSON, or through a parser). Waits for the next writer when one closes.";
    }

    @Override public ConfigSpec spec() { return NamedPipeConfig.SPEC; }

    @Override public InputPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        return new NamedPipeInput(NamedPipeConfig.Settings.from(config, env), Clock.systemUTC());
    }
}
