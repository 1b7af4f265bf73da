package io.github.aegirmaven.aegir.platform;

import io.github.aegirmaven.aegir.release.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The sums drush make checks on downloads (md5, sha1, sha256, sha512), computed in one pass over a file. */
final class Checksums {

    private static final int BUFFER = 128 * 1024;

    private Checksums() {}

    /** Hex digits of a sum of the algorithm. */
    static int hexLength(String algorithm) {
        return switch (algorithm) {
            case "md5" -> 32;
            case "sha1" -> 40;
            case "sha256" -> 64;
            case "sha512" -> 128;
            default -> throw new IllegalArgumentException("Unknown checksum algorithm " + algorithm);
        };
    }

    private static String javaName(String algorithm) {
        return switch (algorithm) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw new IllegalArgumentException("Unknown checksum algorithm " + algorithm);
        };
    }

    /** The file's sums for the given algorithms, as lower-case hex. */
    static Map<String, String> of(Path file, Iterable<String> algorithms) throws IOException {
        Map<String, MessageDigest> digests = new LinkedHashMap<>();
        for (String algorithm : algorithms) {
            try {
                digests.put(algorithm, MessageDigest.getInstance(javaName(algorithm)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("This Java runtime has no " + javaName(algorithm), e);
            }
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (MessageDigest digest : digests.values()) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        Map<String, String> sums = new LinkedHashMap<>();
        digests.forEach((algorithm, digest) -> sums.put(algorithm, Sha256.hex(digest.digest())));
        return sums;
    }
}
