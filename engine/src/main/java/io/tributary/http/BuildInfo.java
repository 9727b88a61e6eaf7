package io.tributary.http;

import io.tributary.engine.Version;

import java.util.List;

/**
 * {@code GET /}: build information. Fluent Bit answers {@code {"fluent-bit":{"version","edition","flags"}}}; tools
 * that probe that key keep working, with Tributary's version and edition "Tributary", and the flags naming only
 * features Tributary has. The {@code tributary} key adds the runtime.
 */
final class BuildInfo {
    static final String EDITION = "Tributary";
    /** Fluent Bit build flags whose features exist here (TLS inputs, AWS with SigV4, parsers, Match_Regex, ...). */
    static final List<String> FLAGS = List.of("FLB_HAVE_TLS", "FLB_HAVE_METRICS", "FLB_HAVE_AWS", "FLB_HAVE_SIGNV4",
            "FLB_HAVE_PARSER", "FLB_HAVE_REGEX", "FLB_HAVE_HTTP_SERVER", "FLB_HAVE_UNIX_SOCKET");

    private BuildInfo() {}

    static HttpReply reply() {
        return HttpReply.json(Json.bytes(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("fluent-bit");
            g.writeStringField("version", Version.VERSION);
            g.writeStringField("edition", EDITION);
            g.writeArrayFieldStart("flags");
            for (String f : FLAGS) g.writeString(f);
            g.writeEndArray();
            g.writeEndObject();
            g.writeObjectFieldStart("tributary");
            g.writeStringField("version", Version.VERSION);
            g.writeStringField("java", Runtime.version().toString());
            g.writeStringField("os", System.getProperty("os.name", "unknown").toLowerCase(java.util.Locale.ROOT));
            g.writeEndObject();
            g.writeEndObject();
        }));
    }
}
