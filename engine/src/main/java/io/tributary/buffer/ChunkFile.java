package io.tributary.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A chunk file being written. Appends are serialised by the caller (the input's open-chunk lock); {@link #sync}
 * may be called from any thread after an append returned, and lets concurrent appenders share one fsync.
 *
 * <p>{@code storage.sync normal}: each append is one {@code writev} into the OS page cache before it returns, so
 * it survives the process being killed (even {@code kill -9}), but not a power loss or kernel crash.
 * {@code full}: {@link #sync} also waits for {@code fdatasync}, so an acknowledged record survives those too.
 */
public final class ChunkFile {
    private final Path path;
    private final ChunkHeader header;
    private final FileChannel channel;
    private final boolean syncFull;
    private final ByteBuffer frameHeader = ByteBuffer.allocate(ChunkFormat.FRAME_HEADER_BYTES);
    private final Object syncLock = new Object();
    private volatile long written;
    private long synced;
    private boolean closed;

    private ChunkFile(Path path, ChunkHeader header, FileChannel channel, boolean syncFull, long written) {
        this.path = path;
        this.header = header;
        this.channel = channel;
        this.syncFull = syncFull;
        this.written = written;
    }

    static ChunkFile create(Path path, ChunkHeader h, boolean syncFull) throws IOException {
        byte[] header = ChunkFormat.header(h.id(), h.tag(), h.inputName(), h.createdMillis());
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            writeFully(ch, new ByteBuffer[] {ByteBuffer.wrap(header)});
            if (syncFull) {
                ch.force(false);
                // A new file's directory entry must reach the disk too, or the file can vanish after a power loss.
                try (FileChannel dir = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
                    dir.force(true);
                }
            }
        } catch (IOException e) {
            ch.close();
            java.nio.file.Files.deleteIfExists(path);
            throw e;
        }
        ChunkFile f = new ChunkFile(path, h, ch, syncFull, header.length);
        f.synced = header.length;
        return f;
    }

    public Path path() { return path; }

    public ChunkHeader header() { return header; }

    /** Bytes in the file, header included. */
    public long size() { return written; }

    /**
     * Writes one frame with one system call and returns the file position after it. On failure the file is cut
     * back to where it was, so a half-written frame cannot hide the frames appended after it.
     */
    public long append(byte[] data, int off, int len, int records) throws IOException {
        long before = written;
        ChunkFormat.frameHeader(frameHeader, data, off, len, records);
        try {
            writeFully(channel, new ByteBuffer[] {frameHeader, ByteBuffer.wrap(data, off, len)});
        } catch (IOException e) {
            try {
                channel.truncate(before);
                channel.position(before);
            } catch (IOException ignored) {
                // The reader stops at the torn frame: records after it would be invisible, so the caller seals this file.
            }
            throw e;
        }
        written = before + ChunkFormat.FRAME_HEADER_BYTES + len;
        return written;
    }

    /** With storage.sync full, returns once everything up to {@code position} is on disk; otherwise at once. */
    public void sync(long position) throws IOException {
        if (!syncFull) return;
        synchronized (syncLock) {
            if (synced >= position) return;
            long target = written;
            channel.force(false);
            synced = target;
        }
    }

    /** No more appends: flushes (with storage.sync full) and closes the file. */
    public void seal() throws IOException {
        synchronized (syncLock) {
            if (closed) return;
            closed = true;
            try {
                if (syncFull && synced < written) {
                    channel.force(false);
                    synced = written;
                }
            } finally {
                channel.close();
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer[] bufs) throws IOException {
        long left = 0;
        for (ByteBuffer b : bufs) left += b.remaining();
        while (left > 0) left -= ch.write(bufs);
    }
}
