package io.github.aegirmaven.aegir.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads another stream on a background thread into a fixed set of reused buffers, so that producing the
 * bytes (inflating gzip) overlaps with consuming them (writing files), as {@code tar -xz} overlaps with its
 * {@code gzip} process. Memory is {@code chunks * chunkSize}, whatever the stream's length. A failure of the
 * source is rethrown to the reader; {@link #close} stops the thread.
 */
final class ReadAheadInputStream extends InputStream {

    private static final Chunk END = new Chunk(new byte[0]);

    private static final class Chunk {
        final byte[] bytes;
        int length;
        IOException failure;
        RuntimeException unchecked;

        Chunk(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    private final InputStream source;
    private final BlockingQueue<Chunk> free;
    private final BlockingQueue<Chunk> full;
    private final Thread producer;
    private Chunk current;
    private int position;
    private boolean finished;
    private volatile boolean closed;

    ReadAheadInputStream(InputStream source, int chunkSize, int chunks, String threadName) {
        this.source = source;
        this.free = new ArrayBlockingQueue<>(chunks);
        this.full = new ArrayBlockingQueue<>(chunks + 1);
        for (int i = 0; i < chunks; i++) {
            free.add(new Chunk(new byte[chunkSize]));
        }
        this.producer = new Thread(this::produce, threadName);
        producer.setDaemon(true);
        producer.start();
    }

    private void produce() {
        try {
            while (!closed) {
                Chunk chunk = free.take();
                chunk.length = 0;
                int n = 0;
                while (chunk.length < chunk.bytes.length
                        && (n = source.read(chunk.bytes, chunk.length, chunk.bytes.length - chunk.length)) >= 0) {
                    chunk.length += n;
                }
                if (chunk.length > 0) {
                    full.put(chunk);
                }
                if (n < 0) {
                    full.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the reader
        } catch (IOException e) {
            fail(e, null);
        } catch (RuntimeException e) {
            fail(null, e);
        }
    }

    private void fail(IOException failure, RuntimeException unchecked) {
        Chunk error = new Chunk(new byte[0]);
        error.failure = failure;
        error.unchecked = unchecked;
        try {
            full.put(error);
        } catch (InterruptedException ignored) {
            // closed by the reader
        }
    }

    /** Makes {@link #current} a chunk with unread bytes; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (finished) {
            return false;
        }
        if (closed) {
            throw new IOException("Stream closed");
        }
        if (current != null && position < current.length) {
            return true;
        }
        if (current != null) {
            free.add(current);
            current = null;
        }
        Chunk next;
        try {
            next = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading the archive");
        }
        if (next == END) {
            finished = true;
            return false;
        }
        if (next.failure != null) {
            finished = true;
            throw next.failure;
        }
        if (next.unchecked != null) {
            finished = true;
            throw next.unchecked;
        }
        current = next;
        position = 0;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current.bytes[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current.bytes, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length - position;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        producer.interrupt();
        try {
            producer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
