package io.github.aegirmaven.aegir.archive;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.nio.file.Path;

/**
 * An archive that {@link SafeExtractor} refuses to unpack: an entry breaks one of its rules (a path outside
 * the tree, a link out of it, a device, a second top-level directory, too many entries or bytes...). The
 * message names the archive, the entry and the rule, and says that nothing was installed.
 */
public class UnsafeArchiveException extends UserFixableException {

    private static final long serialVersionUID = 1L;

    private final transient Path archive;
    private final String entry;
    private final String rule;

    public UnsafeArchiveException(Path archive, String entry, String rule) {
        super("Refusing to extract " + archive + ": entry \"" + printable(entry) + "\" " + rule + ". Nothing was"
                + " installed. This is not how a drupal.org release is packaged: check where the archive came from"
                + " (downloadUrl, " + Setting.DOWNLOAD_URL.flag()
                + ", and the lock file), delete it from the release cache, and"
                + " run again.");
        this.archive = archive;
        this.entry = entry;
        this.rule = rule;
    }

    /** The refused archive. */
    public Path archive() {
        return archive;
    }

    /** The entry's name as stored in the archive. */
    public String entry() {
        return entry;
    }

    /** Which rule the entry breaks, e.g. "is a hard link". */
    public String rule() {
        return rule;
    }

    /** The text with control characters escaped and at most 200 characters. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() < text.length() ? out + "..." : out.toString();
    }
}
