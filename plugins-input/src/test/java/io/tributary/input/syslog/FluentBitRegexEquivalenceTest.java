package io.tributary.input.syslog;

import io.tributary.record.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential check: on generated well-formed messages (the shapes Fluent Bit's regexes handle correctly),
 * the hand-written parser gives exactly the fields of Fluent Bit 5.1.1's stock regexes, run here by
 * java.util.regex (their syntax means the same in Onigmo for these inputs: no newlines). Empty captures are
 * left out, as Fluent Bit's Skip_Empty_Values does.
 */
class FluentBitRegexEquivalenceTest {
    static final Pattern RFC5424 = Pattern.compile("^\\<(?<pri>[0-9]{1,5})\\>1 (?<time>[^ ]+) (?<host>[^ ]+) (?<ident>[^ ]+) "
            + "(?<pid>[-0-9]+) (?<msgid>[^ ]+) (?<extradata>(\\[(.*?)\\]|-)) (?<message>.+)$");
    static final Pattern RFC3164 = Pattern.compile("^\\<(?<pri>[0-9]+)\\>(?<time>[^ ]* {1,2}[^ ]* [^ ]*) (?<host>[^ ]*) "
            + "(?<ident>[a-zA-Z0-9_\\/\\.\\-]*)(?:\\[(?<pid>[0-9]+)\\])?(?:[^\\:]*\\:)? *(?<message>.*)$");
    static final Pattern RFC3164_LOCAL = Pattern.compile("^\\<(?<pri>[0-9]+)\\>(?<time>[^ ]* {1,2}[^ ]* [^ ]*) "
            + "(?<ident>[a-zA-Z0-9_\\/\\.\\-]*)(?:\\[(?<pid>[0-9]+)\\])?(?:[^\\:]*\\:)? *(?<message>.*)$");
    static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static final String WORD = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-";
    static final String TEXT = WORD + " :[]=\"'%,;()!?@#";

    final Random random = new Random(20261123);

    String pick(String alphabet, int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
    }

    String rfc5424() {
        String time = String.format("20%02d-%02d-%02dT%02d:%02d:%02d.%s%s", random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60), pick("0123456789", 1, 6),
                random.nextBoolean() ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(14), random.nextInt(60)));
        String pid = random.nextInt(4) == 0 ? "-" : String.valueOf(random.nextInt(99999));
        String sd;
        switch (random.nextInt(3)) {
            case 0 -> sd = "-";
            case 1 -> sd = "[" + pick(WORD, 1, 10) + " " + pick("abc", 1, 3) + "=\"" + pick(WORD + " ", 0, 12) + "\"]";
            default -> sd = "[a@1 x=\"" + pick(WORD, 0, 5) + "\"][b@2 y=\"" + pick(WORD, 0, 5) + "\"]";
        }
        String message = pick(WORD, 1, 1) + pick(TEXT, 0, 80);
        return "<" + random.nextInt(192) + ">1 " + time + " " + pick(WORD, 1, 20) + " " + pick(WORD, 1, 12) + " " + pid + " "
                + (random.nextInt(3) == 0 ? "-" : pick(WORD, 1, 8)) + " " + sd + " " + message;
    }

    String rfc3164(boolean withHost) {
        int day = 1 + random.nextInt(28);
        String time = MONTHS[random.nextInt(12)] + " " + (day < 10 ? (random.nextBoolean() ? " " + day : "0" + day) : day)
                + String.format(" %02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
        String tag = switch (random.nextInt(4)) {
            case 0 -> pick(WORD, 1, 12) + ":";
            case 1 -> pick(WORD, 1, 12) + "[" + random.nextInt(99999) + "]:";
            case 2 -> pick(WORD, 1, 12) + "[" + random.nextInt(99999) + "]";
            default -> pick(WORD, 1, 12);
        };
        // A hostname never ends in ':' nor holds '[': those fields are tags (the parser's documented difference).
        String host = withHost ? pick(WORD, 1, 15) + " " : "";
        return "<" + random.nextInt(192) + ">" + time + " " + host + tag + " " + pick(TEXT, 0, 80);
    }

    static Map<String, Object> regexFields(Pattern p, String message) {
        Matcher m = p.matcher(message);
        assertTrue(m.matches(), "the regex matches " + message);
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(m.namedGroups().keySet());
        names.sort((a, b) -> m.namedGroups().get(a) - m.namedGroups().get(b));
        for (String g : names) {
            String v = m.group(g);
            if (v != null && !v.isEmpty()) out.put(g, v);
        }
        return out;
    }

    void check(SyslogParser.Dialect dialect, Pattern regex, String message) {
        LogEvent e = SyslogParserTest.encode(dialect, RecordKeys.NONE, message, Instant.parse("2026-11-23T14:00:00Z"));
        assertEquals(new ArrayList<>(regexFields(regex, message).entrySet()), new ArrayList<>(e.body().entrySet()), message);
    }

    @Test
    void rfc5424MatchesTheStockRegex() {
        for (int i = 0; i < 5000; i++) check(SyslogParser.Dialect.RFC5424, RFC5424, rfc5424());
    }

    @Test
    void rfc3164MatchesTheStockRegex() {
        for (int i = 0; i < 5000; i++) check(SyslogParser.Dialect.RFC3164, RFC3164, rfc3164(true));
    }

    @Test
    void rfc3164LocalMatchesTheStockRegex() {
        for (int i = 0; i < 5000; i++) check(SyslogParser.Dialect.RFC3164_LOCAL, RFC3164_LOCAL, rfc3164(random.nextBoolean()));
    }
}
