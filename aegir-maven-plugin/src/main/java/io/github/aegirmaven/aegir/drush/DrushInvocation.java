package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.home.AegirHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One drush run: {@code php <home>/drush/drush.php --php=php <args...>} in a working directory, as the aegir user,
 * with a timeout. Build with {@link #builder(AegirHome)}.
 */
public final class DrushInvocation {

    /** Default timeout: generous, since hostmaster-migrate builds a whole platform with drush make. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(2);

    private final AegirHome home;
    private final String php;
    private final String aegirUser;
    private final Path workingDirectory;
    private final List<String> args;
    private final Duration timeout;
    private final StdinMode stdin;
    private final Map<String, String> env;
    private final List<String> secrets;

    private DrushInvocation(Builder b) {
        this.home = b.home;
        this.php = b.php;
        this.aegirUser = b.aegirUser;
        this.workingDirectory = b.workingDirectory == null ? b.home.root() : b.workingDirectory;
        this.args = List.copyOf(b.args);
        this.timeout = b.timeout;
        this.stdin = b.stdin;
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.secrets = List.copyOf(b.secrets);
    }

    public static Builder builder(AegirHome home) {
        return new Builder(home);
    }

    public AegirHome home() {
        return home;
    }

    /**
     * The PHP binary ({@code php} parameter, default {@code php}, found on drush's PATH): it runs drush.php, and
     * drush gets it as {@code --php} for its child drush calls.
     */
    public String php() {
        return php;
    }

    public String aegirUser() {
        return aegirUser;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    /** {@code <home>/drush/drush.php}. */
    public Path drushPhp() {
        return home.drushPhp();
    }

    /** drush's arguments, each its own argv entry. */
    public List<String> args() {
        return args;
    }

    public Duration timeout() {
        return timeout;
    }

    public StdinMode stdin() {
        return stdin;
    }

    /** Extra environment variables, besides the aegir user's own ({@link DrushEnvironment}). */
    public Map<String, String> env() {
        return env;
    }

    /** Values to mask wherever they appear in drush's output (e.g. a database password). */
    public List<String> secrets() {
        return secrets;
    }

    /** Builds a {@link DrushInvocation}. */
    public static final class Builder {
        private final AegirHome home;
        private String php = "php";
        private String aegirUser = "aegir";
        private Path workingDirectory;
        private final List<String> args = new ArrayList<>();
        private Duration timeout = DEFAULT_TIMEOUT;
        private StdinMode stdin = StdinMode.CLOSED;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> secrets = new ArrayList<>();

        private Builder(AegirHome home) {
            this.home = Objects.requireNonNull(home, "home");
        }

        public Builder php(String php) {
            if (php == null || php.isBlank()) {
                throw new IllegalArgumentException("php must not be empty");
            }
            this.php = php;
            return this;
        }

        public Builder aegirUser(String aegirUser) {
            this.aegirUser = Objects.requireNonNull(aegirUser, "aegirUser");
            return this;
        }

        public Builder workingDirectory(Path dir) {
            if (!dir.isAbsolute()) {
                throw new IllegalArgumentException("The working directory must be absolute: " + dir);
            }
            this.workingDirectory = dir.normalize();
            return this;
        }

        public Builder args(String... args) {
            return args(Arrays.asList(args));
        }

        public Builder args(List<String> args) {
            for (String a : args) {
                arg(a);
            }
            return this;
        }

        public Builder arg(String arg) {
            if (arg == null || arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("A drush argument must not be null or contain NUL: " + arg);
            }
            this.args.add(arg);
            return this;
        }

        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Builder stdin(StdinMode stdin) {
            this.stdin = Objects.requireNonNull(stdin, "stdin");
            return this;
        }

        public Builder env(String name, String value) {
            if (DrushEnvironment.RESERVED.contains(name)) {
                throw new IllegalArgumentException(name + " is set by the plugin (DrushEnvironment); do not set it");
            }
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("Not an environment variable name: " + name);
            }
            this.env.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder secret(String value) {
            if (value != null) {
                this.secrets.add(value);
            }
            return this;
        }

        public DrushInvocation build() {
            if (stdin == StdinMode.ASSUME_YES && !args.contains("-y") && !args.contains("--yes")) {
                throw new IllegalArgumentException("StdinMode.ASSUME_YES needs -y or --yes among the drush arguments");
            }
            return new DrushInvocation(this);
        }
    }
}
