package io.tributary.dist;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts, per record number, how often records {@code {"n":N,...}} were delivered: lines of a file another process
 * appends to ({@link #refresh()} reads only what was added since the last call, and only whole lines), or records
 * read from elsewhere ({@link #offer}). A process killed in the middle of a file write can leave a line without its
 * newline; the next run's first line is then glued to it, so the last record of a line is what counts (the torn
 * fragment was never acknowledged as delivered and its chunk is sent again).
 */
final class DeliveredNumbers {
    /** The last JSON object of a line, when it starts with the record number: {"n":N} or {"n":N,...}. */
    private static final Pattern LAST_RECORD = Pattern.compile("\\{\"n\":(\\d+)(?:,[^{}]*)?}$");

    private final Path file;
    private final int[] counts;
    private long offset;
    private long lines;
    private long distinct;
    private long tornLines;
    private final StringBuilder partial = new StringBuilder();

    DeliveredNumbers(Path file, int records) {
        this.file = file;
        this.counts = new int[records];
    }

    /** Counts records handed over one by one with {@link #offer}. */
    DeliveredNumbers(int records) {
        this(null, records);
    }

    /** Reads what was appended to the file since the last call. */
    synchronized void refresh() throws IOException {
        if (file == null || !Files.exists(file)) return;
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            if (size <= offset) return;
            byte[] b = new byte[(int) Math.min(size - offset, 64 << 20)];
            f.seek(offset);
            f.readFully(b);
            offset += b.length;
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                if (b[i] != '\n') continue;
                partial.append(new String(b, start, i - start, StandardCharsets.UTF_8));
                line(partial.toString());
                partial.setLength(0);
                start = i + 1;
            }
            partial.append(new String(b, start, b.length - start, StandardCharsets.UTF_8));
        }
    }

    /** One delivered record, as its JSON text. */
    synchronized void offer(String json) { line(json.strip()); }

    private void line(String s) {
        lines++;
        Matcher m = LAST_RECORD.matcher(s);
        if (!m.find()) {
            tornLines++;
            return;
        }
        if (m.start() != 0) tornLines++;
        int n = Integer.parseInt(m.group(1));
        if (n >= 0 && n < counts.length && counts[n]++ == 0) distinct++;
    }

    synchronized long distinct() { return distinct; }

    synchronized long lines() { return lines; }

    synchronized long tornLines() { return tornLines; }

    /** Deliveries beyond the first of each record. */
    synchronized long duplicates() {
        long d = 0;
        for (int c : counts) if (c > 1) d += c - 1;
        return d;
    }

    synchronized long missing() { return counts.length - distinct; }

    /** Up to {@code max} record numbers never delivered, for the failure message. */
    synchronized String someMissing(int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, shown = 0; i < counts.length && shown < max; i++) {
            if (counts[i] == 0) {
                sb.append(shown++ == 0 ? "" : ", ").append(i);
            }
        }
        return sb.toString();
    }
}
