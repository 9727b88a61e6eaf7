package io.tributary.input.tcp;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.InputFactory;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.Option;
import io.tributary.spi.OptionValues;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

/** Fluent Bit's {@code tcp} input: newline-delimited JSON objects, or raw lines, over TCP. */
public final class TcpInputFactory implements InputFactory {
    static final Option<String> LISTEN = Option.string("listen").defaultValue("0.0.0.0").doc("Address to listen on.");
    static final Option<Integer> PORT = Option.integer("port").defaultValue("5170").range(0, 65535).doc("TCP port.");
    static final Option<String> FORMAT = Option.choice("format", "json", "none").defaultValue("json")
            .doc("json: each line is a JSON object; none: each line becomes {\"log\": line}.");
    static final Option<String> SEPARATOR = Option.string("separator").defaultValue("\\n")
            .doc("Record separator for format none (escapes \\n, \\r\\n, \\t allowed).");
    static final Option<String> CHUNK_SIZE = Option.string("chunk_size").defaultValue("32")
            .doc("Initial receive buffer, in KB when no unit is given (as Fluent Bit).");
    static final Option<String> BUFFER_SIZE = Option.string("buffer_size").defaultValue("64")
            .doc("Largest record, in KB when no unit is given; longer lines are counted and skipped.");
    static final Option<String> SOURCE_ADDRESS_KEY = Option.string("source_address_key")
            .doc("Add the sender's address (tcp://IP:PORT) under this key.");

    @Override public String name() { return "tcp"; }

    @Override public String description() { return "Receive JSON objects or raw lines over TCP."; }

    @Override public ConfigSpec spec() {
        return ConfigSpec.of(LISTEN, PORT, FORMAT, SEPARATOR, CHUNK_SIZE, BUFFER_SIZE, SOURCE_ADDRESS_KEY);
    }

    @Override
    public InputPlugin create(PluginConfig c, PluginEnvironment env) throws ConfigException {
        long chunk = kilobytes(c, CHUNK_SIZE);
        long max = kilobytes(c, BUFFER_SIZE);
        if (max > Integer.MAX_VALUE) throw c.error(BUFFER_SIZE, "too large");
        String sep = c.get(SEPARATOR).replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
        if (sep.isEmpty()) throw c.error(SEPARATOR, "must not be empty");
        return new TcpInput(new TcpSettings(c.get(LISTEN), c.get(PORT), c.get(FORMAT).equals("json"), sep,
                (int) Math.max(1024, chunk), (int) Math.max(1024, max), c.get(SOURCE_ADDRESS_KEY)));
    }

    private static long kilobytes(PluginConfig c, Option<String> o) throws ConfigException {
        String v = c.get(o).trim();
        try {
            return v.chars().allMatch(Character::isDigit) ? Long.parseLong(v) * 1024 : OptionValues.parseSize(v);
        } catch (IllegalArgumentException e) {
            throw c.error(o, e.getMessage());
        }
    }
}
