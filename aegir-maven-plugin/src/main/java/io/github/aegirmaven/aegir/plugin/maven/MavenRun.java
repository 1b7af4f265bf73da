package io.github.aegirmaven.aegir.plugin.maven;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.Credentials;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.ProxySpec;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What a goal reads from the Maven run it is part of, besides its parameters: offline and batch mode, settings.xml's
 * proxies and servers (passwords decrypted), and the directories of the project, or of the directory Maven was
 * started in when there is no project (no pom).
 */
public final class MavenRun {

    private final MavenSession session;
    private final MavenProject project;
    private final SettingsDecrypter decrypter;
    private List<ProxySpec> proxies;

    public MavenRun(MavenSession session, MavenProject project, SettingsDecrypter decrypter) {
        this.session = session;
        this.project = project;
        this.decrypter = decrypter;
    }

    /** Maven's {@code -o}. */
    public boolean offline() {
        return session.isOffline();
    }

    /** Maven's {@code -B}: nobody answers a question. */
    public boolean batchMode() {
        return !session.getRequest().isInteractiveMode();
    }

    /**
     * settings.xml's active proxies, decrypted once per goal; a password that cannot be decrypted is named with its
     * settings file.
     */
    public List<ProxySpec> proxies() {
        if (proxies == null) {
            proxies = SettingsProxies.active(session, decrypter);
        }
        return proxies;
    }

    /** Downloads as settings.xml says: offline mode, active proxies, and the credentials of {@code serverId}. */
    public DownloadSettings downloads(String serverId, BuildLog log) throws UserFixableException {
        DownloadSettings.Builder download =
                DownloadSettings.builder().offline(offline()).log(log).proxies(proxies());
        if (serverId != null && !serverId.isBlank()) {
            Server server = session.getSettings().getServer(serverId);
            if (server == null) {
                throw new UserFixableException("serverId (-Daegir.serverId) is '" + serverId + "', but settings.xml has"
                        + " no <server> with that id. Add one with <username> and <password>, or unset serverId.");
            }
            SettingsDecryptionResult r = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            Server s = r.getServer() != null ? r.getServer() : server;
            download.credentials(new Credentials(s.getUsername(), s.getPassword()));
        }
        return download.build();
    }

    /** The project's directory; without a project (no pom), the directory Maven was started in. */
    public Path baseDirectory() {
        if (project != null && project.getBasedir() != null) {
            return project.getBasedir().toPath();
        }
        return startDirectory();
    }

    /**
     * Where every drush run is saved in full, secrets masked, and reports go: {@code ${project.build.directory}/aegir};
     * without a project (no pom), {@code target/aegir} under the directory Maven was started in.
     */
    public Path reportDirectory() {
        if (project != null
                && project.getFile() != null
                && project.getBuild() != null
                && project.getBuild().getDirectory() != null) {
            return Path.of(project.getBuild().getDirectory(), "aegir");
        }
        return startDirectory().resolve("target").resolve("aegir");
    }

    private Path startDirectory() {
        String dir = session.getRequest() != null ? session.getRequest().getBaseDirectory() : null;
        return dir != null ? Path.of(dir) : new File("").getAbsoluteFile().toPath();
    }
}
