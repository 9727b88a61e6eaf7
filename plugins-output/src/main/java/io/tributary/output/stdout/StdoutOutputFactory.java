package io.tributary.output.stdout;

import io.tributary.record.TimeFormat;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Option;
import io.tributary.spi.OutputFactory;
import io.tributary.spi.OutputPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

/** Fluent Bit's {@code stdout} output. */
public final class StdoutOutputFactory implements OutputFactory {
    static final Option<String> FORMAT = Option.choice("format", "msgpack", "json", "json_lines", "json_stream")
            .defaultValue("msgpack").doc("msgpack: Fluent Bit's readable print; json: one array per flush; json_lines/json_stream: one object per line.");
    static final Option<String> JSON_DATE_KEY = Option.string("json_date_key").defaultValue("date")
            .doc("Key of the record time in JSON formats; false or off leaves it out.");
    static final Option<String> JSON_DATE_FORMAT = Option.choice("json_date_format", "double", "epoch", "epoch_ms",
            "iso8601", "java_sql_timestamp").defaultValue("double").doc("How the time is written in JSON formats.");

    @Override public String name() { return "stdout"; }

    @Override public String description() { return "Print records to standard output."; }

    @Override public ConfigSpec spec() { return ConfigSpec.of(FORMAT, JSON_DATE_KEY, JSON_DATE_FORMAT); }

    @Override
    public OutputPlugin create(PluginConfig c, PluginEnvironment env) throws ConfigException {
        String key = c.get(JSON_DATE_KEY);
        if (key.equalsIgnoreCase("false") || key.equalsIgnoreCase("off")) key = null;
        return new StdoutOutput(System.out, c.get(FORMAT), key, TimeFormat.parse(c.get(JSON_DATE_FORMAT)));
    }
}
