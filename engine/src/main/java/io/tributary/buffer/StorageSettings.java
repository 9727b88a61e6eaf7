package io.tributary.buffer;

import java.nio.file.Path;

/**
 * The [SERVICE] storage keys as the filesystem store uses them.
 *
 * @param syncFull             {@code storage.sync full}: fsync before an append returns
 * @param maxChunksUp          chunks of one filesystem input held in memory at once
 * @param backlogMemLimitBytes chunk bytes read back from disk (backlog and chunks kept down) held at once
 * @param deleteIrrecoverable  delete corrupt chunk files instead of moving them to {@code rejected/}
 */
public record StorageSettings(Path path, boolean syncFull, int maxChunksUp, long backlogMemLimitBytes,
                              boolean deleteIrrecoverable) {
    public Path rejectedDirectory() { return path.resolve(FileStorage.REJECTED_DIRECTORY); }
}
