package io.github.aegirmaven.aegir.plugin.maven;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.Setting.Name;
import java.util.EnumMap;
import java.util.Map;

/** The names users type for the logic's settings: each parameter and its {@code -D} property. */
public final class SettingNames {

    private static final Map<Setting, Name> NAMES = new EnumMap<>(Setting.class);

    static {
        put(Setting.HOME, "aegirHome", "aegir.home");
        put(Setting.USER, "aegirUser", "aegir.user");
        put(Setting.DOMAIN, "aegirDomain", "aegir.domain");
        put(Setting.VERSION, "aegirVersion", "aegir.version");
        put(Setting.DRUSH_VERSION, "drushVersion", "aegir.drushVersion");
        put(Setting.DRUSH_MAKE_VERSION, "drushMakeVersion", "aegir.drushMakeVersion");
        put(Setting.OLD_HOSTMASTER_DIR, "oldHostmasterDir", "aegir.oldHostmasterDir");
        put(Setting.NEW_HOSTMASTER_DIR, "newHostmasterDir", "aegir.newHostmasterDir");
        put(Setting.MAKEFILE, "makefile", "aegir.makefile");
        put(Setting.DOWNLOAD_URL, "downloadUrl", "aegir.downloadUrl");
        put(Setting.LOCK_FILE, "lockFile", "aegir.lockFile");
        put(Setting.STRICT_LOCK, "strictLock", "aegir.lock.strict");
        put(Setting.PHP, "php", "aegir.php");
        put(Setting.ASSUME_YES, "assumeYes", "aegir.yes");
        put(Setting.TIMEOUT, "timeout", "aegir.timeout");
        put(Setting.MOVE_ASIDE_LEFTOVER, "moveAsideLeftover", "aegir.moveAsideLeftover");
        put(Setting.RULE_LIST, "ruleList", "aegir.makefile.rules");
        put(Setting.MAKE_ENGINE, "makeEngine", "aegir.makefile.engine");
        put(Setting.FAIL_ON_WARNING, "failOnWarning", "aegir.failOnWarning");
        put(Setting.LOCKED_MAKEFILE, "lockedMakefile", "aegir.lockedMakefile");
        put(Setting.PLATFORM_DIR, "platformDir", "aegir.platformDir");
        put(Setting.UPDATE_URL, "updateUrl", "aegir.updateUrl");
        put(Setting.UPDATE, "update", "aegir.update");
        put(Setting.ALLOW_NOT_LOCKED, "allowNotLocked", "aegir.allowNotLocked");
        put(Setting.FAIL_ON_INSECURE, "failOnInsecure", "aegir.failOnInsecure");
        put(Setting.BACKEND_ONLY, "backendOnly", "aegir.backendOnly");
        put(Setting.BACKUP_SET, "backupSet", "aegir.backupSet");
        put(Setting.FAIL_ON_DRIFT, "failOnDrift", "aegir.failOnDrift");
        put(Setting.REPORT_DIRECTORY, "reportDirectory", "aegir.reportDirectory");
    }

    private SettingNames() {}

    private static void put(Setting s, String parameter, String property) {
        NAMES.put(s, new Name(parameter, property));
    }

    /** Names the settings for the logic's messages; done before any goal runs, again harmlessly. */
    public static void install() {
        Setting.useNames(NAMES);
    }
}
