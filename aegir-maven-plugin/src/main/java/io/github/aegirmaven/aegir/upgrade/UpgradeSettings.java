package io.github.aegirmaven.aegir.upgrade;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration;
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
 * @param request what the goal was asked that {@code hostmaster-migrate} needs too: the user, the domain, the
 *     release, the directories, the make file, PHP and the switches, as given; the procedure decides drush's
 *     answer and its timeout (from {@code timeout}) with {@link HostmasterMigration.Request#forDrush}
 * @param drushVersion {@code $DRUSH_VERSION}
 * @param drushMakeVersion {@code $DRUSH_MAKE_VERSION}; not needed where drush bundles make
 * @param downloadUrl where releases come from: {@code {project}} and {@code {version}} are replaced
 * @param lockFile the pinned SHA-256 sums of every release
 * @param strictLock refuse a release that has no entry in the lock file
 * @param cacheDirectory where downloaded releases are cached, verified
 * @param downloads how downloads go: offline mode, proxies, credentials
 * @param offline no network: make file includes are not fetched
 * @param proxies the proxies make file includes are fetched through
 * @param timeout how long a drush run may take, as typed ({@code 90s}, {@code 30m}, {@code 2h} or seconds)
 * @param keepBackups how many backup sets to keep
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
        HostmasterMigration.Request request,
        String drushVersion,
        String drushMakeVersion,
        String downloadUrl,
        Path lockFile,
        boolean strictLock,
        Path cacheDirectory,
        Downloads downloads,
        boolean offline,
        List<ProxySpec> proxies,
        String timeout,
        int keepBackups,
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
        private final HostmasterMigration.Request.Builder request =
                HostmasterMigration.Request.builder().aegirUser("aegir");
        private String drushVersion;
        private String drushMakeVersion;
        private String downloadUrl;
        private Path lockFile;
        private boolean strictLock;
        private Path cacheDirectory;
        private Downloads downloads = log -> DownloadSettings.builder().log(log).build();
        private boolean offline;
        private List<ProxySpec> proxies = List.of();
        private String timeout = "30m";
        private int keepBackups = 3;
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
            request.aegirUser(value);
            return this;
        }

        public Builder domain(String value) {
            request.domain(value);
            return this;
        }

        public Builder aegirVersion(String value) {
            request.aegirVersion(value);
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
            request.oldDir(value);
            return this;
        }

        public Builder newHostmasterDir(Optional<String> value) {
            request.newDir(value);
            return this;
        }

        public Builder makefile(Optional<Path> value) {
            request.makefile(value);
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
            request.php(value);
            return this;
        }

        public Builder assumeYes(boolean value) {
            request.assumeYes(value);
            return this;
        }

        public Builder dryRun(boolean value) {
            request.dryRun(value);
            return this;
        }

        public Builder batchMode(boolean value) {
            request.batchMode(value);
            return this;
        }

        public Builder console(boolean value) {
            request.console(value);
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
            request.moveAsideLeftover(value);
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
                    request.mavenCommand("mvn aegir:" + goal).build(),
                    drushVersion,
                    drushMakeVersion,
                    downloadUrl,
                    lockFile,
                    strictLock,
                    cacheDirectory,
                    downloads,
                    offline,
                    proxies,
                    timeout,
                    keepBackups,
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
