package io.github.aegirmaven.aegir.upgrade;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.ProxySpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a goal was asked to do, by name: the manual page's variables and the plugin's own switches. The
 * plugin layer maps each goal's parameters to these and hands them to {@link Procedure}; a goal leaves unset
 * what it does not honour. Built with {@link #builder()}.
 *
 * @param home {@code $AEGIR_HOME}, the Aegir user's home; required by every goal that reads or changes it
 * @param aegirUser the user every change and every drush run happens as
 * @param domain {@code $AEGIR_DOMAIN}, the hostmaster site
 * @param aegirVersion {@code $AEGIR_VERSION}, the provision and hostmaster release
 * @param drushVersion {@code $DRUSH_VERSION}
 * @param drushMakeVersion {@code $DRUSH_MAKE_VERSION}; not needed where drush bundles make
 * @param oldHostmasterDir {@code $OLD_DRUPAL_DIR}; found from the site when absent
 * @param newHostmasterDir {@code $DRUPAL_DIR} as given; the home's default when absent
 * @param makefile a custom make file for the new hostmaster platform
 * @param downloadUrl where releases come from: {@code {project}} and {@code {version}} are replaced
 * @param lockFile the pinned SHA-256 sums of every release
 * @param strictLock refuse a release that has no entry in the lock file
 * @param cacheDirectory where downloaded releases are cached, verified
 * @param downloads how downloads go: offline mode, proxies, credentials
 * @param offline no network: make file includes are not fetched
 * @param proxies the proxies make file includes are fetched through
 * @param php the PHP binary that runs drush
 * @param assumeYes answer drush's confirmations
 * @param dryRun print the plan and every command; change nothing
 * @param batchMode nothing may wait for an answer
 * @param console a terminal is there to answer drush
 * @param timeout how long a drush run may take, as typed ({@code 90s}, {@code 30m}, {@code 2h} or seconds)
 * @param keepBackups how many backup sets to keep
 * @param moveAsideLeftover move a half-built new hostmaster directory into the backup set
 * @param rules makefile-validate's rule severities by rule
 * @param ruleList the same as a list, applied after {@code rules}
 * @param makeEngine how the drush that builds the platform reads make files
 * @param failOnWarning a warning about the make file stops the migration too
 * @param drushLogDirectory where every drush run is saved in full, secrets masked
 * @param goal the goal's name, for messages, the run lock and the command suggested to run again
 * @param terminal where the one question before the first change is asked
 * @param report where aegir:upgrade writes its result as JSON
 * @param backendOnly rollback: restore the backend although the site lives in the new platform
 * @param backupSet rollback: the backup set to restore
 * @param failOnDrift status: fail when an installed version differs from its pin
 * @param statusJson status: also write the status as JSON to this file
 */
public record UpgradeSettings(
        Path home,
        String aegirUser,
        String domain,
        String aegirVersion,
        String drushVersion,
        String drushMakeVersion,
        Optional<Path> oldHostmasterDir,
        Optional<String> newHostmasterDir,
        Optional<Path> makefile,
        String downloadUrl,
        Path lockFile,
        boolean strictLock,
        Path cacheDirectory,
        Downloads downloads,
        boolean offline,
        List<ProxySpec> proxies,
        String php,
        boolean assumeYes,
        boolean dryRun,
        boolean batchMode,
        boolean console,
        String timeout,
        int keepBackups,
        boolean moveAsideLeftover,
        Map<String, String> rules,
        String ruleList,
        Optional<String> makeEngine,
        boolean failOnWarning,
        Path drushLogDirectory,
        String goal,
        Confirmation.Terminal terminal,
        Optional<Path> report,
        boolean backendOnly,
        Optional<String> backupSet,
        boolean failOnDrift,
        Optional<Path> statusJson) {

    /** How the build downloads: Maven's offline mode, proxies and the credentials of a server, read when needed. */
    @FunctionalInterface
    public interface Downloads {
        DownloadSettings settings(BuildLog log) throws UserFixableException;
    }

    /** The goal as the administrator runs it again, e.g. in the su command given to the wrong user. */
    public String mavenCommand() {
        return "mvn aegir:" + goal;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Named settings; unset ones keep the defaults of the manual page and README. */
    public static final class Builder {
        private Path home;
        private String aegirUser = "aegir";
        private String domain;
        private String aegirVersion;
        private String drushVersion;
        private String drushMakeVersion;
        private Optional<Path> oldHostmasterDir = Optional.empty();
        private Optional<String> newHostmasterDir = Optional.empty();
        private Optional<Path> makefile = Optional.empty();
        private String downloadUrl;
        private Path lockFile;
        private boolean strictLock;
        private Path cacheDirectory;
        private Downloads downloads = log -> DownloadSettings.builder().log(log).build();
        private boolean offline;
        private List<ProxySpec> proxies = List.of();
        private String php = "php";
        private boolean assumeYes;
        private boolean dryRun;
        private boolean batchMode;
        private boolean console;
        private String timeout = "30m";
        private int keepBackups = 3;
        private boolean moveAsideLeftover;
        private Map<String, String> rules = null;
        private String ruleList;
        private Optional<String> makeEngine = Optional.empty();
        private boolean failOnWarning;
        private Path drushLogDirectory;
        private String goal = "upgrade";
        private Confirmation.Terminal terminal = StdTerminal.INSTANCE;
        private Optional<Path> report = Optional.empty();
        private boolean backendOnly;
        private Optional<String> backupSet = Optional.empty();
        private boolean failOnDrift;
        private Optional<Path> statusJson = Optional.empty();

        private Builder() {}

        public Builder home(Path value) {
            home = value;
            return this;
        }

        public Builder aegirUser(String value) {
            aegirUser = value;
            return this;
        }

        public Builder domain(String value) {
            domain = value;
            return this;
        }

        public Builder aegirVersion(String value) {
            aegirVersion = value;
            return this;
        }

        public Builder drushVersion(String value) {
            drushVersion = value;
            return this;
        }

        public Builder drushMakeVersion(String value) {
            drushMakeVersion = value;
            return this;
        }

        public Builder oldHostmasterDir(Optional<Path> value) {
            oldHostmasterDir = value;
            return this;
        }

        public Builder newHostmasterDir(Optional<String> value) {
            newHostmasterDir = value;
            return this;
        }

        public Builder makefile(Optional<Path> value) {
            makefile = value;
            return this;
        }

        public Builder downloadUrl(String value) {
            downloadUrl = value;
            return this;
        }

        public Builder lockFile(Path value) {
            lockFile = value;
            return this;
        }

        public Builder strictLock(boolean value) {
            strictLock = value;
            return this;
        }

        public Builder cacheDirectory(Path value) {
            cacheDirectory = value;
            return this;
        }

        public Builder downloads(Downloads value) {
            downloads = value;
            return this;
        }

        public Builder offline(boolean value) {
            offline = value;
            return this;
        }

        public Builder proxies(List<ProxySpec> value) {
            proxies = value;
            return this;
        }

        public Builder php(String value) {
            php = value;
            return this;
        }

        public Builder assumeYes(boolean value) {
            assumeYes = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder batchMode(boolean value) {
            batchMode = value;
            return this;
        }

        public Builder console(boolean value) {
            console = value;
            return this;
        }

        public Builder timeout(String value) {
            timeout = value;
            return this;
        }

        public Builder keepBackups(int value) {
            keepBackups = value;
            return this;
        }

        public Builder moveAsideLeftover(boolean value) {
            moveAsideLeftover = value;
            return this;
        }

        public Builder rules(Map<String, String> value) {
            rules = value;
            return this;
        }

        public Builder ruleList(String value) {
            ruleList = value;
            return this;
        }

        public Builder makeEngine(Optional<String> value) {
            makeEngine = value;
            return this;
        }

        public Builder failOnWarning(boolean value) {
            failOnWarning = value;
            return this;
        }

        public Builder drushLogDirectory(Path value) {
            drushLogDirectory = value;
            return this;
        }

        public Builder goal(String value) {
            goal = value;
            return this;
        }

        public Builder terminal(Confirmation.Terminal value) {
            terminal = value;
            return this;
        }

        public Builder report(Optional<Path> value) {
            report = value;
            return this;
        }

        public Builder backendOnly(boolean value) {
            backendOnly = value;
            return this;
        }

        public Builder backupSet(Optional<String> value) {
            backupSet = value;
            return this;
        }

        public Builder failOnDrift(boolean value) {
            failOnDrift = value;
            return this;
        }

        public Builder statusJson(Optional<Path> value) {
            statusJson = value;
            return this;
        }

        public UpgradeSettings build() {
            return new UpgradeSettings(
                    home,
                    aegirUser,
                    domain,
                    aegirVersion,
                    drushVersion,
                    drushMakeVersion,
                    oldHostmasterDir,
                    newHostmasterDir,
                    makefile,
                    downloadUrl,
                    lockFile,
                    strictLock,
                    cacheDirectory,
                    downloads,
                    offline,
                    proxies,
                    php,
                    assumeYes,
                    dryRun,
                    batchMode,
                    console,
                    timeout,
                    keepBackups,
                    moveAsideLeftover,
                    rules,
                    ruleList,
                    makeEngine,
                    failOnWarning,
                    drushLogDirectory,
                    goal,
                    terminal,
                    report,
                    backendOnly,
                    backupSet,
                    failOnDrift,
                    statusJson);
        }
    }
}
