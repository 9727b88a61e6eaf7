package io.tributary.input.syslog;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a frame decoder reported, for assertions. */
final class RecordingFramingListener implements FramingListener {
    final List<Long> oversize = new ArrayList<>();
    final List<String> malformed = new ArrayList<>();
    final List<Long> truncated = new ArrayList<>();

    @Override public void oversize(long frameBytes) { oversize.add(frameBytes); }
    @Override public void malformed(String what) { malformed.add(what); }
    @Override public void truncated(long bytes) { truncated.add(bytes); }
}
