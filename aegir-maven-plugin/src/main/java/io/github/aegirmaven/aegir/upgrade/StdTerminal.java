package io.github.aegirmaven.aegir.upgrade;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * The build's own terminal: the question goes straight to standard output (so {@code -q}, which silences Maven's
 * log, cannot hide it) and the answer comes from standard input.
 */
public final class StdTerminal implements Confirmation.Terminal {

    public static final StdTerminal INSTANCE = new StdTerminal();

    private BufferedReader in;

    private StdTerminal() {}

    @Override
    public void print(String text) {
        System.out.print(text);
        System.out.flush();
    }

    @Override
    public synchronized Optional<String> readLine() throws IOException {
        if (in == null) {
            // not closed: System.in belongs to Maven
            in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        }
        return Optional.ofNullable(in.readLine());
    }
}
