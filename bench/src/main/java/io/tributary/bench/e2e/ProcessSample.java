package io.tributary.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux says about one process at one moment: CPU time used (user + system, from {@code /proc/PID/stat})
 * and resident memory, current ({@code VmRSS}) and peak ({@code VmHWM}, from {@code /proc/PID/status}).
 */
record ProcessSample(double cpuSeconds, long rssBytes, long peakRssBytes) {
    /** Clock ticks per second of utime/stime; 100 on every Linux that runs here ({@code getconf CLK_TCK}). */
    private static final double TICKS_PER_SECOND = 100.0;

    static ProcessSample of(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long utime = Long.parseLong(f[11]);   // field 14 of the whole line
        long stime = Long.parseLong(f[12]);   // field 15
        long rss = 0;
        long hwm = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) rss = kilobytes(line);
            else if (line.startsWith("VmHWM:")) hwm = kilobytes(line);
        }
        return new ProcessSample((utime + stime) / TICKS_PER_SECOND, rss, hwm);
    }

    private static long kilobytes(String line) {
        String digits = line.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits) * 1024;
    }
}
