package io.tributary.filter.parser;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.Option;
import io.tributary.spi.Parser;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Fluent Bit's {@code parser} filter. */
public final class ParserFilterFactory implements FilterFactory {
    static final Option<String> KEY_NAME = Option.string("Key_Name").required().doc("Field to parse.");
    static final Option<String> PARSER = Option.string("Parser").required().multiple()
            .doc("Parser to apply; repeat to try several in order, the first that matches wins.");
    static final Option<Boolean> RESERVE_DATA = Option.bool("Reserve_Data").defaultValue("false")
            .doc("Keep the record's other fields after the parsed ones (an original field wins over a parsed one of the same name).");
    static final Option<Boolean> PRESERVE_KEY = Option.bool("Preserve_Key").defaultValue("false")
            .doc("Keep the Key_Name field itself.");
    static final Option<Boolean> UNESCAPE_KEY = Option.bool("Unescape_Key").defaultValue("false")
            .doc("Undo backslash escapes (\\n, \\t, \\\", \\\\) in the field before parsing (deprecated in Fluent Bit).");

    @Override public String name() { return "parser"; }

    @Override public String description() {
        return "Parses a field with one or more named parsers and replaces the record with the result, taking its time"
                + " when the parser finds one. A record whose field is missing, not a string or matches no parser passes unchanged.";
    }

    @Override public ConfigSpec spec() { return ConfigSpec.of(KEY_NAME, PARSER, RESERVE_DATA, PRESERVE_KEY, UNESCAPE_KEY); }

    @Override public FilterPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        List<Parser> parsers = new ArrayList<>();
        for (String name : config.getAll(PARSER)) {
            Optional<Parser> p = env.parsers().find(name.trim());
            if (p.isEmpty()) {
                throw config.error(PARSER, "no parser named '" + name.trim() + "' (known: " + String.join(", ", env.parsers().names()) + ")");
            }
            parsers.add(p.get());
        }
        return new ParserFilter(config.get(KEY_NAME).trim(), parsers, config.get(RESERVE_DATA), config.get(PRESERVE_KEY),
                config.get(UNESCAPE_KEY));
    }
}
