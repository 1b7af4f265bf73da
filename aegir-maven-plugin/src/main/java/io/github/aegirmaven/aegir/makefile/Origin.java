package io.github.aegirmaven.aegir.makefile;

/**
 * Where a value came from: the make file (as shown to the user: a path or a URL) and the 1-based line,
 * or line 0 when the finding is about the file as a whole.
 */
public record Origin(String file, int line) {

    /** {@code file:line}, or just {@code file} for line 0. */
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
