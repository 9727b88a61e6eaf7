package io.tributary.buffer;

import io.tributary.record.Chunk;
import io.tributary.spi.PluginLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The filesystem store under {@code storage.path}: one directory per input instance holding its chunk files
 * ({@code <id>.chunk}), a {@code <id>.done} file beside a chunk listing the outputs that finished it when others
 * had not yet, and {@code rejected/} for corrupt files.
 *
 * <p>A chunk file is claimed by the engine that wrote or adopted it, process-wide, so that during a hot reload
 * the new pipeline does not replay files the old one is still delivering.
 */
public final class FileStorage {
    static final String REJECTED_DIRECTORY = "rejected";
    private static final String CHUNK_SUFFIX = ".chunk";
    private static final String DONE_SUFFIX = ".done";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final PluginLog LOG = PluginLog.of("storage");

    /** Files some engine in this process owns. */
    private static final Set<Path> CLAIMED = ConcurrentHashMap.newKeySet();
    /**
     * Ids sort by creation time (millis in the high bits) and stay unique across restarts, since a restart
     * cannot happen within the millisecond its predecessor wrote in.
     */
    private static final AtomicLong LAST_ID = new AtomicLong();

    private final StorageSettings settings;
    private final BacklogReadBudget readBudget;
    private final Set<Path> claims = ConcurrentHashMap.newKeySet();
    /** Filesystem chunks whose records are in memory, across all inputs: storage.max_chunks_up is engine-wide. */
    private final AtomicInteger chunksUp = new AtomicInteger();
    private final List<Runnable> upSlotListeners = new CopyOnWriteArrayList<>();

    public FileStorage(StorageSettings settings) {
        this.settings = settings;
        this.readBudget = new BacklogReadBudget(settings.backlogMemLimitBytes());
    }

    public StorageSettings settings() { return settings; }

    public BacklogReadBudget readBudget() { return readBudget; }

    /** Takes one of the storage.max_chunks_up slots; false when all are taken and the chunk must stay down. */
    public boolean takeUpSlot() {
        while (true) {
            int n = chunksUp.get();
            if (n >= settings.maxChunksUp()) return false;
            if (chunksUp.compareAndSet(n, n + 1)) return true;
        }
    }

    /** Takes a slot even over the limit (storage.pause_on_chunks_overlimit keeps chunks up and pauses instead). */
    public void forceUpSlot() { chunksUp.incrementAndGet(); }

    /** A chunk up was released; inputs paused for chunks over the limit get to check again. */
    public void releaseUpSlot() {
        chunksUp.decrementAndGet();
        for (Runnable r : upSlotListeners) r.run();
    }

    public boolean upSlotsFull() { return chunksUp.get() >= settings.maxChunksUp(); }

    public int chunksUp() { return chunksUp.get(); }

    public void onUpSlotReleased(Runnable listener) { upSlotListeners.add(listener); }

    static long nextId() {
        long stamp = System.currentTimeMillis() << 16;
        return LAST_ID.accumulateAndGet(stamp, (last, s) -> Math.max(last + 1, s));
    }

    public Path inputDirectory(String inputName) {
        return settings.path().resolve(safeName(inputName));
    }

    /** Creates a new chunk file for {@code inputName} (and its directory when missing). */
    public ChunkFile create(String inputName, String tag, long createdMillis) throws IOException {
        Path dir = inputDirectory(inputName);
        Files.createDirectories(dir);
        long id = nextId();
        Path file = dir.resolve(String.format("%016x", id) + CHUNK_SUFFIX);
        ChunkFile f = ChunkFile.create(file, new ChunkHeader(id, tag, inputName, createdMillis), settings.syncFull());
        claim(file);
        return f;
    }

    /** Whether the store's directory can be created and written now; the reason when not. */
    public String checkWritable() {
        try {
            Files.createDirectories(settings.path());
            Path probe = Files.createTempFile(settings.path(), ".probe", TEMP_SUFFIX);
            Files.delete(probe);
            return null;
        } catch (IOException | RuntimeException e) {
            return describe(e);
        }
    }

    /** Reads a sealed chunk back, verified. A damaged file is an IOException: it was whole when written. */
    public Chunk read(StoredChunk c, long chunkId) throws IOException {
        ChunkReader.Contents r = ChunkReader.read(c.path());
        if (!r.intact()) throw new IOException("chunk file " + c.path() + " is damaged: " + r.damage());
        return new Chunk(chunkId, r.header().tag(), r.header().inputName(), r.data(), r.length(), r.records(),
                r.header().createdMillis());
    }

    /** Notes that {@code output} is finished with the chunk while other outputs still have it. */
    public void markDone(Path chunk, String output) throws IOException {
        Files.writeString(doneFile(chunk), output + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Every output is finished: the chunk file goes. */
    public void delete(Path chunk) throws IOException {
        Files.deleteIfExists(chunk);
        Files.deleteIfExists(doneFile(chunk));
        release(chunk);
    }

    /** Gives up this engine's claim on every file it still holds (they stay on disk for the next start). */
    public void releaseAll() {
        for (Path p : claims) release(p);
    }

    private void claim(Path p) {
        CLAIMED.add(p);
        claims.add(p);
    }

    private void release(Path p) {
        if (claims.remove(p)) CLAIMED.remove(p);
    }

    /**
     * Scans every input directory: verifies each chunk file, moves aside (or deletes) what cannot be trusted,
     * writes back the intact part of files whose tail was torn, and returns the rest, oldest first, claimed by
     * this store. A bad file is logged and skipped: it never stops the scan.
     */
    public List<StoredChunk> loadBacklog() {
        List<StoredChunk> found = new ArrayList<>();
        if (!Files.isDirectory(settings.path())) return found;
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(settings.path(), Files::isDirectory)) {
            for (Path d : s) if (!d.getFileName().toString().equals(REJECTED_DIRECTORY)) dirs.add(d);
        } catch (IOException e) {
            LOG.error("cannot list storage.path " + settings.path() + ": " + describe(e) + "; no backlog loaded");
            return found;
        }
        for (Path d : dirs) scanDirectory(d, found);
        found.sort(Comparator.comparingLong((StoredChunk c) -> c.header().createdMillis()).thenComparingLong(c -> c.header().id()));
        return found;
    }

    private void scanDirectory(Path dir, List<StoredChunk> found) {
        List<Path> chunks = new ArrayList<>();
        List<Path> others = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) (p.getFileName().toString().endsWith(CHUNK_SUFFIX) ? chunks : others).add(p);
        } catch (IOException e) {
            LOG.error("cannot list " + dir + ": " + describe(e) + "; its chunks stay on disk");
            return;
        }
        for (Path p : others) {
            String n = p.getFileName().toString();
            boolean orphanDone = n.endsWith(DONE_SUFFIX)
                    && !Files.exists(dir.resolve(n.substring(0, n.length() - DONE_SUFFIX.length()) + CHUNK_SUFFIX));
            // A .tmp is a recovery that a crash interrupted; the original is still there and is recovered again.
            if (orphanDone || n.endsWith(TEMP_SUFFIX)) deleteQuietly(p);
        }
        chunks.sort(Comparator.naturalOrder());
        for (Path p : chunks) {
            if (CLAIMED.contains(p)) continue;
            StoredChunk c = scanFile(p);
            if (c != null) {
                claim(p);
                found.add(c);
            }
        }
    }

    private StoredChunk scanFile(Path p) {
        ChunkReader.Contents r;
        try {
            if (Files.size(p) == 0) {
                // Created, then the process died before the header was written: nothing was ever acknowledged.
                LOG.info("removing empty chunk file " + p);
                deleteQuietly(p);
                return null;
            }
            r = ChunkReader.read(p);
        } catch (ChunkReader.UnreadableHeader e) {
            reject(p, e.getMessage() + "; no record could be recovered");
            return null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.error("cannot read chunk file " + p + ": " + describe(e) + "; left in place for the next start");
            return null;
        }
        if (!r.intact()) {
            if (r.records() == 0) {
                reject(p, r.damage() + "; no record could be recovered");
                return null;
            }
            try {
                rewriteIntactPart(p, r);
            } catch (IOException e) {
                LOG.error("cannot recover the intact part of " + p + ": " + describe(e) + "; left in place for the next start");
                return null;
            }
        } else if (r.records() == 0) {
            deleteQuietly(p);
            deleteQuietly(doneFile(p));
            return null;
        }
        return new StoredChunk(p, r.header(), r.records(), r.length(), readDone(p));
    }

    /**
     * The frames before the damage were each written whole (and may have been acknowledged), so they are kept:
     * the damaged original goes to rejected/ and a file holding only the whole frames takes its place.
     */
    private void rewriteIntactPart(Path p, ChunkReader.Contents r) throws IOException {
        Path tmp = p.resolveSibling(p.getFileName() + TEMP_SUFFIX);
        Files.deleteIfExists(tmp);
        ChunkFile f = ChunkFile.create(tmp, r.header(), settings.syncFull());
        try {
            f.append(r.data(), 0, r.length(), r.records());
        } finally {
            f.seal();
        }
        String reason = r.damage() + "; " + r.records() + " record(s) in " + r.frames()
                + " whole frame(s) recovered and will be delivered";
        keepRejectedCopy(p, reason);
        try {
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void reject(Path p, String reason) {
        try {
            keepRejectedCopy(p, reason);
            Files.deleteIfExists(p);
            Files.deleteIfExists(doneFile(p));
        } catch (IOException e) {
            LOG.error("corrupt chunk file " + p + " (" + reason + ") could not be moved aside: " + describe(e));
        }
    }

    /** Logs the damage and, unless storage.delete_irrecoverable_chunks is on, keeps a copy under rejected/. */
    private void keepRejectedCopy(Path p, String reason) throws IOException {
        if (settings.deleteIrrecoverable()) {
            LOG.error("corrupt chunk file " + p + ": " + reason + "; damaged file deleted (storage.delete_irrecoverable_chunks)");
            return;
        }
        Path dir = settings.rejectedDirectory();
        Files.createDirectories(dir);
        String base = p.getParent().getFileName() + "-" + p.getFileName();
        Path target = dir.resolve(base);
        for (int i = 1; Files.exists(target); i++) target = dir.resolve(base + "." + i);
        Files.copy(p, target);
        try {
            Files.writeString(target.resolveSibling(target.getFileName() + ".reason"), reason + "\n");
        } catch (FileAlreadyExistsException ignored) {
            // the copy above is what matters
        }
        LOG.error("corrupt chunk file " + p + ": " + reason + "; damaged file kept as " + target);
    }

    private static Set<String> readDone(Path chunk) {
        Set<String> done = new HashSet<>();
        try {
            for (String line : Files.readAllLines(doneFile(chunk), StandardCharsets.UTF_8)) {
                // A torn last line names no output: it is ignored, so that output gets the chunk again.
                if (!line.isBlank()) done.add(line.trim());
            }
        } catch (NoSuchFileException e) {
            return done;
        } catch (IOException e) {
            LOG.warn("cannot read " + doneFile(chunk) + " (" + describe(e) + "): every output gets the chunk again");
            done.clear();
        }
        return done;
    }

    private static Path doneFile(Path chunk) {
        String n = chunk.getFileName().toString();
        return chunk.resolveSibling(n.substring(0, n.length() - CHUNK_SUFFIX.length()) + DONE_SUFFIX);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot delete " + p + ": " + describe(e));
        }
    }

    /** Input names become directory names; anything but a plain file name character is replaced. */
    static String safeName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        String s = sb.toString();
        return s.isEmpty() || s.equals(".") || s.equals("..") || s.equals(REJECTED_DIRECTORY) ? "_" + s : s;
    }

    public static String describe(Throwable e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return m == null ? kind : kind + ": " + m;
    }
}
