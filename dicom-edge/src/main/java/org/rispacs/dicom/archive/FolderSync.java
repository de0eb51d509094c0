package org.rispacs.dicom.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.rispacs.api.common.DaemonThreads;

/**
 * Group commit of one folder's entries: every {@link #request()} is answered by a sync of the
 * folder that started after it, and one sync answers every request made while the previous one
 * ran. Callers start the folder sync before forcing their file's data, so that on a journaling
 * file system both ride on one commit instead of two (a sync whose changes are already committed
 * still costs the device a cache flush), and concurrent associations share theirs.
 */
final class FolderSync {

    private final Path folder;
    private CompletableFuture<Void> next;

    FolderSync(Path folder) {
        this.folder = folder;
        DaemonThreads.start("archive-sync-" + folder.getFileName(), this::run);
    }

    /** Completes once a sync of the folder that started after this call has finished. */
    synchronized CompletableFuture<Void> request() {
        if (next == null) {
            next = new CompletableFuture<>();
            notifyAll();
        }
        return next;
    }

    /** Waits for a {@link #request()}, turning its failure back into the I/O error it was. */
    static void await(CompletableFuture<Void> synced) throws IOException {
        try {
            synced.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    private void run() {
        while (true) {
            CompletableFuture<Void> batch;
            synchronized (this) {
                while (next == null) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                batch = next;
                next = null;
            }
            try {
                force(folder);
                batch.complete(null);
            } catch (java.nio.file.NoSuchFileException gone) {
                batch.completeExceptionally(new UncheckedIOException(gone));
            } catch (IOException notSupported) {
                // some file systems cannot sync a directory; the rename is still atomic
                batch.complete(null);
            }
        }
    }

    static void force(Path folder) throws IOException {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
