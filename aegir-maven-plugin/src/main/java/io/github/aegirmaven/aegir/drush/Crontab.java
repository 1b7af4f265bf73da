package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The aegir user's crontab, through the real {@code crontab} command: as root {@code crontab -u USER ...},
 * as the aegir user plain {@code crontab ...}. hostmaster-migrate wipes it ({@code crontab -r}) and
 * hosting-setup writes a new one, so the procedures save it into the backup set first and can put it back.
 */
public final class Crontab {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?");
    private static final long TIMEOUT_SECONDS = 60;

    private final String user;
    private final CurrentUser current;
    private final BuildLog log;

    public Crontab(String aegirUser, CurrentUser current, BuildLog log) {
        this.user = aegirUser;
        this.current = current;
        this.log = log;
    }

    /** The crontab of {@code aegirUser}, acted on as the user this JVM runs as. */
    public static Crontab of(String aegirUser, BuildLog log) {
        return new Crontab(aegirUser, CurrentUser.detect(), log);
    }

    /** The argv for {@code crontab} with the given operation ({@code -l}, {@code -r}, {@code -}). */
    List<String> command(String operation) throws UserFixableException {
        if (!USER.matcher(user).matches()) {
            throw new UserFixableException(
                    Setting.USER + " must be a Unix user name such as 'aegir', but was '" + user + "'.");
        }
        List<String> argv = new ArrayList<>();
        argv.add("crontab");
        if (current.is(user)) {
            argv.add(operation);
        } else if (current.root()) {
            argv.add("-u");
            argv.add(user);
            argv.add(operation);
        } else {
            throw new UserFixableException(
                    "The crontab of the aegir user " + user + " (aegirUser/" + Setting.USER.flag() + ") can only be "
                            + "changed by " + user + " or root, but this build runs as " + current.name()
                            + ". Run the build as " + user
                            + ": " + Preflight.suCommand(user, "mvn ...") + " (or as root).");
        }
        return argv;
    }

    /** The crontab's text; empty when the user has none. */
    public Optional<String> read() throws IOException, UserFixableException {
        Outcome r = exec(command("-l"), null);
        if (r.exit == 0) {
            return Optional.of(r.stdout);
        }
        if (r.stderr.toLowerCase(Locale.ROOT).contains("no crontab for")) {
            return Optional.empty();
        }
        throw failure("read", r);
    }

    /** Installs {@code content} as the crontab (replacing any), read by crontab from its stdin. */
    public void write(String content) throws IOException, UserFixableException {
        String text = content.isEmpty() || content.endsWith("\n") ? content : content + "\n";
        Outcome r = exec(command("-"), text);
        if (r.exit != 0) {
            throw failure("install", r);
        }
        log.info("Installed the crontab of " + user + " (" + text.lines().count() + " line(s))");
    }

    /** Removes the crontab; nothing happens when there is none. */
    public void remove() throws IOException, UserFixableException {
        Outcome r = exec(command("-r"), null);
        if (r.exit != 0 && !r.stderr.toLowerCase(Locale.ROOT).contains("no crontab for")) {
            throw failure("remove", r);
        }
        if (r.exit == 0) {
            log.info("Removed the crontab of " + user);
        }
    }

    /** Puts back a crontab as read before: the text, or none at all. */
    public void restore(Optional<String> saved) throws IOException, UserFixableException {
        if (saved.isPresent()) {
            write(saved.get());
        } else {
            remove();
        }
    }

    private IOException failure(String what, Outcome r) throws UserFixableException {
        String err = r.stderr.strip();
        if (err.contains("not allowed") || err.contains("permission")) {
            throw new UserFixableException("Cannot " + what + " the crontab of " + user + " (aegirUser/"
                    + Setting.USER.flag() + "): crontab said '" + err + "'. Allow " + user
                    + " to use cron (check /etc/cron.allow and /etc/cron.deny).");
        }
        return new IOException(
                "crontab could not " + what + " the crontab of " + user + " (exit code " + r.exit + "): " + err);
    }

    private record Outcome(int exit, String stdout, String stderr) {}

    private Outcome exec(List<String> argv, String stdin) throws IOException {
        log.debug("Running " + String.join(" ", argv));
        ProcessBuilder pb = new ProcessBuilder(argv);
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Outcome(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + String.join(" ", argv), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("Could not read the output of " + String.join(" ", argv), e.getCause());
        }
    }

    private static String drain(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
