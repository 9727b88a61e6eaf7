package io.tributary.config;

import io.tributary.spi.ConfigException;
import io.tributary.spi.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Compact text forms of loaded configs and failures, so table-driven tests can state expectations in one line. */
final class Rendered {
    private Rendered() {}

    /** {@code INPUT{Name=dummy, Tag=t} OUTPUT{Name=null}}: section names, then keys and values in order. */
    static String sections(ConfigDocument doc) {
        List<String> out = new ArrayList<>();
        for (ConfigSection s : doc.sections()) {
            List<String> entries = new ArrayList<>();
            for (ConfigEntry e : s.entries()) entries.add(e.key() + "=" + e.value());
            out.add(s.name() + "{" + String.join(", ", entries) + "}");
        }
        return String.join(" ", out);
    }

    /** Each entry's {@code key@file:line}, to check locations. */
    static List<String> locations(ConfigDocument doc) {
        List<String> out = new ArrayList<>();
        for (ConfigSection s : doc.sections()) {
            out.add("[" + s.name() + "]@" + s.location());
            for (ConfigEntry e : s.entries()) out.add(e.key() + "@" + where(e.location()));
        }
        return out;
    }

    private static String where(Location l) { return l.toString(); }

    interface Load { ConfigDocument run() throws ConfigException; }

    static List<String> problems(Load load) {
        ConfigException e = assertThrows(ConfigException.class, load::run);
        return e.problems();
    }

    static Supplier<String> show(List<String> problems) { return () -> String.join("\n", problems); }
}
