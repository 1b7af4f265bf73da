package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Resolves and downloads every pinned release and writes its SHA-256 and size to the lock file. */
@Mojo(name = "lock", threadSafe = true)
public class LockMojo extends AbstractAegirMojo {

    @Inject
    public LockMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "lock";
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        procedure(log).lock();
    }
}
