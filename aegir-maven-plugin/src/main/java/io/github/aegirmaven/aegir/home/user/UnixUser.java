package io.github.aegirmaven.aegir.home.user;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A system account as the password database knows it. */
public record UnixUser(String name, int uid, int gid, String group, Path home) {

    /** What useradd accepts on Debian, a little more liberally (dots, upper case). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?");

    /**
     * Users found, by name, for this JVM's lifetime: every goal asks about the aegir user (is it there, is it root)
     * several times per run, and each question cost two getent processes. The password database does not change
     * under a running build; a user not found is asked again every time.
     */
    private static final Map<String, UnixUser> FOUND = new ConcurrentHashMap<>();

    public boolean isRoot() {
        return uid == 0;
    }

    /**
     * Looks a user up with {@code getent passwd} (falling back to {@code /etc/passwd}).
     *
     * @throws UserFixableException when the name is malformed or there is no such user
     */
    public static UnixUser lookup(String name) throws UserFixableException, IOException {
        UnixUser found = name == null ? null : FOUND.get(name);
        if (found != null) {
            return found;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new UserFixableException(Setting.USER + " must be a Unix user name such as 'aegir', but was '" + name
                    + "'. Set it to the account that owns the Aegir home.");
        }
        Optional<String> entry = getent("passwd", name);
        if (entry.isEmpty()) {
            throw new UserFixableException(
                    "There is no such user " + name + " (aegirUser/" + Setting.USER.flag() + "): create it (Aegir's "
                            + "manual: useradd --system --create-home --home-dir /var/aegir --shell /bin/sh aegir)"
                            + " or set "
                            + "aegirUser/" + Setting.USER.flag() + " to the user that owns the Aegir home.");
        }
        String[] f = entry.get().split(":", -1);
        if (f.length < 7) {
            throw new IOException("Unexpected password database entry for " + name + ": " + entry.get());
        }
        int uid = Integer.parseInt(f[2]);
        int gid = Integer.parseInt(f[3]);
        String group = getent("group", f[3]).map(g -> g.split(":", -1)[0]).orElse(f[3]);
        UnixUser user = new UnixUser(f[0], uid, gid, group, Paths.get(f[5]));
        FOUND.put(name, user);
        return user;
    }

    private static Optional<String> getent(String database, String key) throws IOException {
        try {
            Process p = new ProcessBuilder("getent", database, key)
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("getent " + database + " " + key + " did not answer within 30 s");
            }
            if (p.exitValue() == 0 && !out.isEmpty()) {
                return Optional.of(out.lines().findFirst().orElse(out));
            }
            if (p.exitValue() == 2) {
                return Optional.empty(); // key not found
            }
        } catch (IOException e) {
            // no getent: fall through to the files
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while looking up " + key, e);
        }
        Path file = Paths.get("/etc/" + database);
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean numeric = key.chars().allMatch(Character::isDigit);
        for (String line : lines) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && (f[0].equals(key) || (numeric && f[2].equals(key)))) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }
}
