package io.tributary.http;

/** {@code GET /api/v1/uptime}: {@code {"uptime_sec":N,"uptime_hr":"..."}} in Fluent Bit's wording and plurals. */
final class UptimeReport {
    private UptimeReport() {}

    static HttpReply reply(ServerContext ctx) {
        long up = ctx.uptimeSeconds();
        return HttpReply.json(Json.bytes(g -> {
            g.writeStartObject();
            g.writeNumberField("uptime_sec", up);
            g.writeStringField("uptime_hr", humanReadable(up));
            g.writeEndObject();
        }));
    }

    /** Fluent Bit's sentence: two spaces after the colon, and a plural only above one ("0 day", "2 days"). */
    static String humanReadable(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        return "Tributary has been running:  " + days + " day" + plural(days) + ", " + hours + " hour" + plural(hours)
                + ", " + minutes + " minute" + plural(minutes) + " and " + secs + " second" + plural(secs);
    }

    private static String plural(long n) { return n > 1 ? "s" : ""; }
}
