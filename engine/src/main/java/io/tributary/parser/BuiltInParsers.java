package io.tributary.parser;

import io.tributary.config.ConfigEntry;
import io.tributary.config.ConfigSection;
import io.tributary.spi.Location;

import java.util.ArrayList;
import java.util.List;

/**
 * Parsers every config can name without defining them: the ones Fluent Bit's inputs default to (the syslog
 * input's {@code syslog-rfc3164-local}, {@code syslog-rfc5424}, {@code syslog-rfc3164}) and the container
 * formats ({@code docker}, {@code cri}, {@code json}). A {@code [PARSER]} of the same name replaces one.
 * They are the same definitions as in the shipped {@code conf/parsers.conf} (a test keeps the two equal).
 */
final class BuiltInParsers {
    private BuiltInParsers() {}

    static final String RFC5424 =
            "^\\<(?<pri>[0-9]{1,5})\\>1 (?<time>\\S+) (?<host>\\S+) (?<ident>\\S+) (?<pid>[-0-9]+) (?<msgid>\\S+) (?<extradata>(\\[(.*?)\\]|-)) (?<message>.+)$";
    static final String RFC3164 =
            "/^\\<(?<pri>[0-9]+)\\>(?<time>\\S* {1,2}\\S* \\S*) (?<host>\\S*) (?<ident>[a-zA-Z0-9_\\/\\.\\-]*)(?:\\[(?<pid>[0-9]+)\\])?(?:[^\\:]*\\:)? *(?<message>.*)$/";
    static final String RFC3164_LOCAL =
            "^\\<(?<pri>[0-9]+)\\>(?<time>\\S* {1,2}\\S* \\S*) (?<ident>[a-zA-Z0-9_\\/\\.\\-]*)(?:\\[(?<pid>[0-9]+)\\])?(?:[^\\:]*\\:)? *(?<message>.*)$";
    static final String CRI =
            "^(?<time>\\S+) (?<stream>stdout|stderr) (?<logtag>\\S*) (?<message>.*)$";

    static List<ConfigSection> sections() {
        List<ConfigSection> out = new ArrayList<>();
        out.add(section("json", "Format", "json", "Time_Key", "time", "Time_Format", "%d/%b/%Y:%H:%M:%S %z"));
        out.add(section("docker", "Format", "json", "Time_Key", "time", "Time_Format", "%Y-%m-%dT%H:%M:%S.%L",
                "Time_Keep", "On", "Decode_Field_As", "escaped_utf8 log do_next", "Decode_Field_As", "escaped log",
                "Decode_Field_As", "escaped stream"));
        out.add(section("cri", "Format", "regex", "Regex", CRI, "Time_Key", "time",
                "Time_Format", "%Y-%m-%dT%H:%M:%S.%L%z"));
        // RFC 5424 (section 6.2.3) makes fractional seconds optional; TimeFormat treats ".%L" as optional, so
        // seconds-only timestamps parse too (Fluent Bit's stock parser rejects them with a warning each).
        out.add(section("syslog-rfc5424", "Format", "regex", "Regex", RFC5424, "Time_Key", "time",
                "Time_Format", "%Y-%m-%dT%H:%M:%S.%L%z", "Time_Keep", "On"));
        out.add(section("syslog-rfc3164", "Format", "regex", "Regex", RFC3164, "Time_Key", "time",
                "Time_Format", "%b %d %H:%M:%S", "Time_Keep", "On"));
        out.add(section("syslog-rfc3164-local", "Format", "regex", "Regex", RFC3164_LOCAL, "Time_Key", "time",
                "Time_Format", "%b %d %H:%M:%S", "Time_Keep", "On"));
        return out;
    }

    private static ConfigSection section(String name, String... kv) {
        List<ConfigEntry> entries = new ArrayList<>();
        entries.add(new ConfigEntry("Name", name, Location.BUILT_IN));
        for (int i = 0; i < kv.length; i += 2) entries.add(new ConfigEntry(kv[i], kv[i + 1], Location.BUILT_IN));
        return new ConfigSection("PARSER", Location.BUILT_IN, entries);
    }
}
