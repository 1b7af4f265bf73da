package io.github.aegirmaven.aegir.core;

import java.util.Locale;

/**
 * Tells a write that failed because the file system is full (or the user's quota is used up) from other I/O
 * errors: the administrator can fix that one by freeing space, so it is reported as a build failure, not as
 * an unexpected error. The JDK has no exception type for it; the operating system's message ({@code ENOSPC},
 * {@code EDQUOT}) is the only sign, anywhere in the chain of causes.
 */
public final class DiskFull {

    private DiskFull() {}

    /** Whether {@code failure} or one of its causes says the disk or the quota is full. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                String m = message.toLowerCase(Locale.ROOT);
                if (m.contains("no space left on device") || m.contains("disk quota exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What a report that {@code failure} filled the disk adds after its message: nothing when the failure is a
     * {@link LocalWriteException} (its message already says where to free space), else the advice to free space on
     * that file system and run again.
     */
    public static String advice(Throwable failure) {
        return failure instanceof LocalWriteException ? "" : " Free space on that file system and run again.";
    }
}
