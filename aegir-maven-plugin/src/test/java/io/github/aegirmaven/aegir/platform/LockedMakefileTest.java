package io.github.aegirmaven.aegir.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockedMakefileTest {

    private static final String SHA = "a".repeat(64);

    @TempDir
    Path tmp;

    private LockedMakefile read(String text) throws Exception {
        Path file = tmp.resolve("platform.lock.make");
        Files.writeString(file, "core = 6.x\napi = 2\n" + text);
        return LockedMakefile.read(file);
    }

    private static String core() {
        return "projects[drupal][type] = core\nprojects[drupal][download][type] = get\n"
                + "projects[drupal][download][url] = https://ftp.drupal.org/files/projects/drupal-6.38.tar.gz\n"
                + "projects[drupal][download][sha256] = " + SHA + "\n";
    }

    @Test
    void readsEntriesCoreFirstThenByNameWithTheirDirectories() throws Exception {
        LockedMakefile lock = read("projects[zen][type] = theme\nprojects[zen][download][type] = get\n"
                + "projects[zen][download][url] = https://example.org/zen.tar.gz\n"
                + "projects[zen][download][sha256] = " + SHA.toUpperCase(java.util.Locale.ROOT) + "\n"
                + "projects[zen][download][md5] = " + "b".repeat(32) + "\n"
                + core());

        assertThat(lock.entries()).extracting(LockedMakefile.Entry::name).containsExactly("drupal", "zen");
        assertThat(lock.entries())
                .extracting(LockedMakefile.Entry::directory)
                .containsExactly("", "sites/all/themes/zen");
        assertThat(lock.entries().get(1).download().checksums())
                .containsEntry("sha256", SHA)
                .containsEntry("md5", "b".repeat(32));
        assertThat(lock.core()).isEqualTo("6.x");
    }

    @Test
    void aProjectWithoutSha256IsNotLocked() {
        assertThatThrownBy(() -> read(core() + "projects[views][type] = module\nprojects[views][download][type] = get\n"
                        + "projects[views][download][url] = https://example.org/views.tar.gz\n"
                        + "projects[views][download][md5] = " + "b".repeat(32) + "\n"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("project views is not locked")
                .hasMessageContaining("has no [sha256]")
                .hasMessageContaining("makefile-lock");
    }

    @Test
    void aFloatingProjectIsNotLocked() {
        assertThatThrownBy(() -> read(core() + "projects[] = views\n"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("is not locked")
                .hasMessageContaining("makefile-lock");
    }

    @Test
    void aGitCheckoutIsRefusedSayingSo() {
        assertThatThrownBy(() -> read(core() + "projects[hosting][type] = module\n"
                        + "projects[hosting][download][type] = git\n"
                        + "projects[hosting][download][url] = https://git.drupalcode.org/project/hosting.git\n"
                        + "projects[hosting][download][revision] = " + "c".repeat(40) + "\n"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("[type] = git")
                .hasMessageContaining("git checkouts are not supported yet");
    }

    @Test
    void aMalformedSumIsRefused() {
        assertThatThrownBy(() -> read(core().replace(SHA, "abc")))
                .hasMessageContaining("[download][sha256] = 'abc', which is not a sha256 sum (64 hex digits)");
    }

    @Test
    void noCoreProjectIsRefusedAskingForOneInTheMakeFile() {
        assertThatThrownBy(() -> read(core().replace("[type] = core", "[type] = module")))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("has no core project, but a platform needs exactly one")
                .hasMessageContaining("Add the core project to that make file (e.g. projects[drupal][version] = 6.38)")
                .hasMessageContaining("run mvn aegir:makefile-lock again")
                .hasMessageNotContaining("do not edit the locked make file by hand");
    }

    @Test
    void anUnsafeSubdirIsRefused() {
        assertThatThrownBy(() -> read(core() + "projects[views][type] = module\nprojects[views][subdir] = ../..\n"
                        + "projects[views][download][type] = get\n"
                        + "projects[views][download][url] = https://example.org/views.tar.gz\n"
                        + "projects[views][download][sha256] = " + SHA + "\n"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("views");
    }

    @Test
    void aMissingFileIsRefusedNamingLockedMakefileAndHowToWriteIt() {
        Path missing = tmp.resolve("platform.lock.make");
        assertThatThrownBy(() -> LockedMakefile.read(missing))
                .isInstanceOf(UserFixableException.class)
                .hasMessageStartingWith("lockedMakefile (-Daegir.lockedMakefile) " + missing
                        + ": expected the locked make file to build the platform from, but it does not exist.")
                .hasMessageContaining("Write it with `mvn aegir:makefile-lock -Daegir.makefile=platform.make`")
                .hasMessageContaining("or point -Daegir.lockedMakefile at the locked make file")
                .hasMessageNotContaining("makefile (");
    }

    @Test
    void aDirectoryIsRefusedSayingSo() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("platform.lock.make"));
        assertThatThrownBy(() -> LockedMakefile.read(dir))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("lockedMakefile (-Daegir.lockedMakefile) " + dir)
                .hasMessageContaining("but it is a directory");
    }
}
