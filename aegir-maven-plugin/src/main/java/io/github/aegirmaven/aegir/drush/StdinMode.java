package io.github.aegirmaven.aegir.drush;

/** What drush's standard input is. */
public enum StdinMode {
    /**
     * Confirmations are answered by {@code -y} on the command line, which the caller adds (the runner
     * checks); stdin is at end-of-file, so a prompt drush still asks reads "no" instead of hanging.
     */
    ASSUME_YES,
    /** Stdin is at end-of-file at once: any prompt is answered "no" (drush 4 treats EOF as no). */
    CLOSED,
    /** The console is passed through so that the user answers drush's prompts (not in batch mode). */
    INHERIT
}
