package io.github.aegirmaven.aegir.drush;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a process's output bytes into lines as they come. With {@code flushPartial}, a partial line left
 * at the end of a write (a prompt such as {@code "continue? (y/n): "}) is passed on at once, so that an
 * interactive user sees it before answering.
 */
final class LineSink extends OutputStream {

    private final Consumer<String> onLine;
    private final boolean flushPartial;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private boolean closed;

    LineSink(Consumer<String> onLine, boolean flushPartial) {
        this.onLine = onLine;
        this.flushPartial = flushPartial;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            buffer.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                buffer.write(b, start, i - start);
                emit();
                start = i + 1;
            }
        }
        buffer.write(b, start, off + len - start);
        if (flushPartial && buffer.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = buffer.toString(StandardCharsets.UTF_8);
        buffer.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        onLine.accept(line);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (buffer.size() > 0) {
                emit();
            }
        }
    }
}
