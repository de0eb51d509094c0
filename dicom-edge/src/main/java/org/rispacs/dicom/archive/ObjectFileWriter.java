package org.rispacs.dicom.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes one object's new file through a buffer the archive lends it, and forces it to disk. */
final class ObjectFileWriter extends OutputStream {

    private final WriteBuffers buffers;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long drained;
    private boolean released;

    ObjectFileWriter(Path file, WriteBuffers buffers) throws IOException {
        this.buffers = buffers;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.buffer = buffers.take();
    }

    @Override
    public void write(int b) throws IOException {
        buffer.put((byte) b);
        if (!buffer.hasRemaining()) {
            drain();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, buffer.remaining());
            buffer.put(bytes, offset, n);
            offset += n;
            length -= n;
            if (!buffer.hasRemaining()) {
                drain();
            }
        }
    }

    /** Bytes written so far. */
    long size() {
        return drained + buffer.position();
    }

    /** Hands what is buffered to the file system (readable from the file, not yet durable). */
    @Override
    public void flush() throws IOException {
        drain();
    }

    /** Writes out what is buffered and forces the file's data to disk. */
    void force() throws IOException {
        drain();
        channel.force(false);
    }

    /** Closes the file and gives the buffer back; safe to call more than once. */
    @Override
    public void close() throws IOException {
        if (!released) {
            released = true;
            buffers.giveBack(buffer);
        }
        channel.close();
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            drained += channel.write(buffer);
        }
        buffer.clear();
    }
}
