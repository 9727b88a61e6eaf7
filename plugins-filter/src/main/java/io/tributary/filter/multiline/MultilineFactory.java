package io.tributary.filter.multiline;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.MultilineParser;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Fluent Bit's {@code multiline} filter. */
public final class MultilineFactory implements FilterFactory {
    static final Option<List<String>> PARSER = Option.list("multiline.parser")
            .doc("Multiline parsers to try, in order: built-in docker, cri, java, python, go, or a [MULTILINE_PARSER] name.");
    static final Option<String> KEY_CONTENT = Option.string("multiline.key_content")
            .doc("Key holding the text (docker and cri default to log).");
    static final Option<String> MODE = Option.choice("mode", "parser", "partial_message").defaultValue("parser")
            .doc("parser: join with multiline.parser; partial_message: join Docker's split records (partial_message, partial_id, partial_last).");
    static final Option<Boolean> BUFFER = Option.bool("buffer").defaultValue("true")
            .doc("Keep an open message across calls and re-emit it when complete or after flush_ms; off joins only within one append.");
    static final Option<Integer> FLUSH_MS = Option.integer("flush_ms").defaultValue("2000").atLeast(1)
            .doc("Milliseconds an open message waits for its next line.");
    static final Option<String> EMITTER_NAME = Option.string("emitter_name")
            .doc("Accepted for compatibility: joined records are re-emitted through the filter's FilterContext.reEmit.");
    static final Option<String> EMITTER_STORAGE_TYPE = Option.choice("emitter_storage.type", "memory", "filesystem")
            .defaultValue("memory").doc("Accepted for compatibility: re-emitted records are buffered as the engine buffers the tag's route.");
    static final Option<Long> EMITTER_MEM_BUF_LIMIT = Option.size("emitter_mem_buf_limit").defaultValue("10M")
            .doc("Accepted for compatibility: the engine's buffer limits apply to re-emitted records.");
    static final Option<Boolean> DEBUG_FLUSH = Option.bool("debug_flush").defaultValue("false")
            .doc("Accepted for compatibility (Fluent Bit prints joined records to stdout).");

    @Override public String name() { return "multiline"; }

    @Override public String description() {
        return "Joins records whose text spans several records (stack traces, split container lines) into one. As in Fluent Bit,"
                + " docker and cri modes expect the raw runtime line (Docker's JSON, the CRI line) in the key, and pass other"
                + " records unchanged; for already decoded Docker/FireLens records use mode partial_message. Unlike Fluent Bit,"
                + " a message completed within one append stays in it instead of running through earlier filters again, and"
                + " python mode does not emit a traceback's last line a second time.";
    }

    @Override public ConfigSpec spec() {
        return ConfigSpec.of(PARSER, KEY_CONTENT, MODE, BUFFER, FLUSH_MS, EMITTER_NAME, EMITTER_STORAGE_TYPE,
                EMITTER_MEM_BUF_LIMIT, DEBUG_FLUSH);
    }

    @Override public FilterPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        Duration flush = Duration.ofMillis(config.get(FLUSH_MS));
        String keyContent = config.isSet(KEY_CONTENT) ? config.get(KEY_CONTENT).trim() : null;
        List<MultilineFilter.Mode> modes = new ArrayList<>();
        if (config.get(MODE).equals("partial_message")) {
            modes.add(new MultilineFilter.Mode(PartialMessageStream::new, keyContent != null ? keyContent : "log"));
            return new MultilineFilter(modes, config.get(BUFFER), flush);
        }
        if (!config.isSet(PARSER) || config.get(PARSER).isEmpty()) {
            throw config.error(PARSER, "mode parser needs multiline.parser (e.g. java, or docker, cri)");
        }
        for (String name : config.get(PARSER)) {
            Optional<MultilineParser> p = env.parsers().findMultiline(name);
            if (p.isEmpty()) {
                throw config.error(PARSER, "no multiline parser named '" + name + "' (known: "
                        + String.join(", ", env.parsers().multilineNames()) + ")");
            }
            String key = keyContent != null ? keyContent : p.get().keyContent().orElse(null);
            if (key == null) throw config.error(KEY_CONTENT, "multiline parser '" + name + "' needs multiline.key_content (e.g. log)");
            MultilineParser parser = p.get();
            modes.add(new MultilineFilter.Mode(parser::newStream, key));
        }
        return new MultilineFilter(modes, config.get(BUFFER), flush);
    }
}
