/*
 * LD_PRELOAD shim for the ingest benchmark's "durable storescp" baseline: every stdio stream
 * opened for writing is flushed and fdatasync'd before it is closed, so that dcmtk's storescp
 * answers a C-STORE only once the object's data is on the disk, as our archive does. On ext4
 * (ordered journal) the sync of a new file also commits its directory entry.
 *
 * Built by bench.py with: cc -shared -fPIC -O2 -o sync_on_close.so sync_on_close.c -ldl
 * RIS_BENCH_SYNC_COUNT=<file>: each sync appends one byte to that file (to check the shim works).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int (*real_fclose)(FILE *);

static void count_sync(void) {
    const char *path = getenv("RIS_BENCH_SYNC_COUNT");
    if (path == NULL) {
        return;
    }
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd >= 0) {
        (void) write(fd, "s", 1);
        close(fd);
    }
}

int fclose(FILE *stream) {
    if (real_fclose == NULL) {
        real_fclose = (int (*)(FILE *)) dlsym(RTLD_NEXT, "fclose");
    }
    int fd = fileno(stream);
    if (fd >= 0 && (fcntl(fd, F_GETFL) & O_ACCMODE) != O_RDONLY) {
        if (fflush(stream) != 0 || fdatasync(fd) != 0) {
            real_fclose(stream);
            return EOF;
        }
        count_sync();
    }
    return real_fclose(stream);
}
