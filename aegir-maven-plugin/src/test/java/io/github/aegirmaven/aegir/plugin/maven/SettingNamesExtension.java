package io.github.aegirmaven.aegir.plugin.maven;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test (junit-platform.properties): the logic's messages name settings as users type them,
 * as they do when a goal runs.
 */
public final class SettingNamesExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        SettingNames.install();
    }
}
