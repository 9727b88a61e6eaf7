package io.tributary.output.file;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Option;
import io.tributary.spi.OutputFactory;
import io.tributary.spi.OutputPlugin;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.nio.file.Path;

/** Fluent Bit's {@code file} output. */
public final class FileOutputFactory implements OutputFactory {
    static final Option<String> PATH = Option.string("path").doc("Directory to write to (default: the working directory).");
    static final Option<String> FILE = Option.string("file").doc("File name (default: the record's tag).");
    static final Option<Boolean> MKDIR = Option.bool("mkdir").defaultValue("off").doc("Create the directory if missing.");
    static final Option<String> FORMAT = Option.choice("format", "out_file", "plain", "csv", "ltsv", "template", "msgpack")
            .defaultValue("out_file").doc("out_file: 'tag: [time, {record}]'; plain: the record as JSON; csv; ltsv; template; msgpack.");
    static final Option<String> DELIMITER = Option.string("delimiter").doc("Field delimiter for csv (default ',') and ltsv (default tab).");
    static final Option<String> LABEL_DELIMITER = Option.string("label_delimiter").defaultValue(":").doc("Label delimiter for ltsv.");
    static final Option<String> TEMPLATE = Option.string("template").defaultValue("{time} {message}")
            .doc("Line template for format template: {time} and {key} placeholders.");
    static final Option<Boolean> CSV_COLUMN_NAMES = Option.bool("csv_column_names").defaultValue("off")
            .doc("Write a header line of column names before the records of each flush (csv).");

    @Override public String name() { return "file"; }

    @Override public String description() { return "Append records to a file, one per line, in a chosen format."; }

    @Override public ConfigSpec spec() {
        return ConfigSpec.of(PATH, FILE, MKDIR, FORMAT, DELIMITER, LABEL_DELIMITER, TEMPLATE, CSV_COLUMN_NAMES);
    }

    @Override
    public OutputPlugin create(PluginConfig c, PluginEnvironment env) throws ConfigException {
        String format = c.get(FORMAT);
        String delimiter = c.find(DELIMITER).map(FileOutputFactory::unescape)
                .orElse(format.equals("ltsv") ? "\t" : ",");
        Path dir = c.find(PATH).map(Path::of).orElse(null);
        return new FileOutput(new FileSettings(dir, c.get(FILE), c.get(MKDIR), format, delimiter,
                unescape(c.get(LABEL_DELIMITER)), c.get(TEMPLATE), c.get(CSV_COLUMN_NAMES)));
    }

    private static String unescape(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "\\t", "tab" -> "\t";
            case "space" -> " ";
            case "comma" -> ",";
            case "semicolon" -> ";";
            default -> s;
        };
    }
}
