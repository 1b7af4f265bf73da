package io.github.aegirmaven.aegir.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256 sums as 64 lower-case hex digits. */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int BUFFER = 64 * 1024;

    private Sha256() {}

    /** A fresh SHA-256 digest (every JVM has one). */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256", e);
        }
    }

    /** The sum of a file, read as a stream with a fixed buffer. */
    public static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return hex(digest.digest());
    }

    /** The sum of some bytes. */
    public static String of(byte[] bytes) {
        return hex(newDigest().digest(bytes));
    }

    /** Lower-case hex of the bytes. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether the text is 64 hex digits (either case). */
    public static boolean isValidHex(String text) {
        return text != null && HEX.matcher(text).matches();
    }

    /**
     * The sum in canonical (lower-case) form.
     *
     * @throws IllegalArgumentException if it is not 64 hex digits
     */
    public static String normalize(String text) {
        if (!isValidHex(text)) {
            throw new IllegalArgumentException("Not a SHA-256 sum: expected 64 hex digits, found \"" + text + "\"");
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
