package org.rispacs.dicom.archive;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The buffers objects are written from, lent per object and reused: off-heap, so that the JDK
 * hands them to the file system without copying them into a buffer of its own first, and
 * reused, so that receiving an object allocates (and zeroes) nothing of its size.
 */
final class WriteBuffers {

    private static final int CAPACITY = 256 * 1024;
    /** Enough for every association a busy listener serves at once; beyond that buffers are not kept. */
    private static final int MAX_SPARE = 32;

    private final Queue<ByteBuffer> spare = new ConcurrentLinkedQueue<>();
    private final AtomicInteger spareCount = new AtomicInteger();

    ByteBuffer take() {
        ByteBuffer buffer = spare.poll();
        if (buffer == null) {
            return ByteBuffer.allocateDirect(CAPACITY);
        }
        spareCount.decrementAndGet();
        return buffer.clear();
    }

    void giveBack(ByteBuffer buffer) {
        if (spareCount.incrementAndGet() <= MAX_SPARE) {
            spare.offer(buffer);
        } else {
            spareCount.decrementAndGet();
        }
    }
}
