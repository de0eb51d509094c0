package org.rispacs.dicom.archive;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The buffers objects are written from, lent per object and reused: off-heap, so that the JDK
 * hands them to the file system without copying them into a buffer of its own first, and
 * reused, so that receiving an object allocates (and zeroes) nothing of its size.
 */
final class WriteBuffers {

    private static final int CAPACITY = 256 * 1024;
    /** Enough for every association a busy listener serves at once; beyond that buffers are not kept. */
    private static final int MAX_SPARE = 32;

    private final BlockingQueue<ByteBuffer> spare = new ArrayBlockingQueue<>(MAX_SPARE);

    ByteBuffer take() {
        ByteBuffer buffer = spare.poll();
        return buffer == null ? ByteBuffer.allocateDirect(CAPACITY) : buffer.clear();
    }

    void giveBack(ByteBuffer buffer) {
        spare.offer(buffer); // dropped when MAX_SPARE are kept already
    }
}
