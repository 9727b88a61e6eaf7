package io.tributary.input.pipe;

import io.tributary.record.MsgpackWriter;
import io.tributary.spi.InputContext;
import io.tributary.spi.InputPlugin;
import io.tributary.spi.StoreException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads lines from a FIFO on a thread of its own. Opening a FIFO for reading blocks in the kernel until a writer
 * opens it, and a read returns end-of-file when the last writer closes; so the loop is open, read until EOF,
 * reopen: it waits for the next writer without polling. While paused it stops reading, the pipe's buffer fills
 * and the writer blocks, so nothing is lost. A line's bytes are appended as one batch per read.
 */
final class NamedPipeInput implements InputPlugin {
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;

    private final NamedPipeConfig.Settings settings;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumed = lock.newCondition();
    private volatile boolean running;
    private volatile boolean paused;
    private volatile boolean opening;
    private volatile FileChannel channel;
    private Thread reader;
    private InputContext context;

    NamedPipeInput(NamedPipeConfig.Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override public void start(InputContext context) throws Exception {
        this.context = context;
        ensureFifo();
        running = true;
        reader = Thread.ofPlatform().daemon().name("named_pipe-" + context.name()).start(this::readLoop);
        context.log().info("reading lines from FIFO " + settings.path());
    }

    private void ensureFifo() throws IOException, InterruptedException {
        Path path = settings.path();
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.exists(path)) {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            if ((mode & S_IFMT) != S_IFIFO) throw new IOException(path + " exists and is not a named pipe (FIFO)");
            return;
        }
        if (!settings.create()) throw new IOException(path + " does not exist (and create is off)");
        if (path.getParent() != null) Files.createDirectories(path.getParent());
        // The JDK has no mkfifo(3); coreutils' mkfifo is on every Linux this runs on.
        Process p = new ProcessBuilder("mkfifo", "-m", Integer.toOctalString(settings.perm()), path.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("mkfifo " + path + " failed: " + out.trim());
    }

    private void readLoop() {
        LineSplitter lines = new LineSplitter(settings.chunkBytes(), settings.maxLineBytes());
        LineEncoder encoder = new LineEncoder(settings.json(), settings.parser(), settings.key());
        MsgpackWriter out = new MsgpackWriter(64 * 1024);
        ByteBuffer buffer = ByteBuffer.allocate(settings.chunkBytes());
        long[] counts = new long[2];   // records in the batch, records that did not parse
        LineSplitter.Sink sink = (b, off, len, now) -> {
            if (!encoder.encode(b, off, len, now.getEpochSecond(), now.getNano(), out)) counts[1]++;
            counts[0]++;
        };
        while (running) {
            try {
                awaitResume();
                if (!running) break;
                opening = true;
                FileChannel ch = FileChannel.open(settings.path(), StandardOpenOption.READ);   // blocks until a writer opens
                opening = false;
                channel = ch;
                if (!running) break;
                try (ch) {
                    while (running) {
                        awaitResume();
                        if (!running) break;
                        buffer.clear();
                        int n = ch.read(buffer);
                        Instant now = clock.instant();
                        if (n < 0) {
                            lines.finish(now, sink, this::oversize);   // the writer closed: its last line is complete
                            flush(out, counts);
                            break;
                        }
                        lines.feed(buffer.array(), 0, n, now, sink, this::oversize);
                        flush(out, counts);
                    }
                }
            } catch (ClosedChannelException | InterruptedIOException stopping) {
                if (running) context.log().warn("pipe " + settings.path() + " closed under the reader; reopening");
            } catch (IOException e) {
                if (!running) break;
                context.countError();
                context.log().error("reading " + settings.path() + " failed: " + e.getMessage() + "; reopening in 1s");
                sleepQuietly(1000);
            } catch (InterruptedException e) {
                break;
            } finally {
                opening = false;
                channel = null;
            }
        }
    }

    private void flush(MsgpackWriter out, long[] counts) {
        if (counts[0] == 0) return;
        int n = (int) counts[0];
        try {
            context.append(context.tag(), out.array(), 0, out.size(), n);
        } catch (StoreException e) {
            context.countDropped("store_error", n);
            context.log().error("could not store " + n + " records from " + settings.path() + ": " + e.getMessage());
        }
        if (counts[1] > 0) {
            for (long i = 0; i < counts[1]; i++) context.countError();
            context.log().warn(counts[1] + " lines from " + settings.path() + " did not parse ("
                    + (settings.parser() != null ? "parser " + settings.parser().name() : "json")
                    + "); kept their text under '" + settings.key() + "'");
        }
        out.reset();
        counts[0] = 0;
        counts[1] = 0;
    }

    private void oversize(long bytes) {
        context.countDropped("oversize", 1);
        context.log().warn("line of " + bytes + " bytes in " + settings.path() + " exceeds buffer_max_size "
                + settings.maxLineBytes() + "; skipped it");
    }

    private void awaitResume() throws InterruptedException {
        if (!paused) return;
        lock.lock();
        try {
            while (paused && running) resumed.await();
        } finally {
            lock.unlock();
        }
    }

    @Override public void pause() { paused = true; }

    @Override public void resume() {
        lock.lock();
        try {
            paused = false;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override public void stop() {
        running = false;
        resume();
        FileChannel ch = channel;
        if (ch != null) {
            try {
                ch.close();   // wakes a read blocked on the pipe
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
        if (reader == null) return;
        // A reader blocked in open(2) waits for a writer: be that writer for a moment so it can see it must stop.
        if (opening) {
            Thread.ofVirtual().start(() -> {
                try {
                    // Opened and closed at once: the reader's open returns and its read sees EOF.
                    FileChannel.open(settings.path(), StandardOpenOption.WRITE).close();
                } catch (IOException ignored) {
                    // the reader already left
                }
            });
        }
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) context.log().warn("reader of " + settings.path() + " did not stop within 5s");
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
