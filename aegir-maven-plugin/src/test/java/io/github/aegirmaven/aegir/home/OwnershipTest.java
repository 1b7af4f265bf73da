package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnershipTest {

    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void looksUpRealUsers() throws Exception {
        UnixUser root = UnixUser.lookup("root");
        assertThat(root.uid()).isZero();
        assertThat(root.gid()).isZero();
        assertThat(root.group()).isEqualTo("root");
        assertThat(root.isRoot()).isTrue();
        assertThat(CurrentUser.detect().name()).isEqualTo(System.getProperty("user.name"));
        assertThat(CurrentUser.detect().root()).isEqualTo(Ownership.currentUid() == 0);
    }

    @Test
    void unknownAndMalformedUsersGetAFix() {
        assertThatThrownBy(() -> UnixUser.lookup("no-such-aegir-user"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("no such user no-such-aegir-user")
                .hasMessageContaining("aegirUser/-Daegir.user")
                .hasMessageContaining("create it");
        assertThatThrownBy(() -> UnixUser.lookup("-rf"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("aegirUser");
        assertThatThrownBy(() -> UnixUser.lookup("a b")).isInstanceOf(UserFixableException.class);
    }

    @Test
    void chownTreeGivesTheTreeToTheAegirUserWithoutFollowingLinks() throws Exception {
        UnixUser aegir = Unix.assumeRootAndAegir();
        Path tree = Files.createDirectories(tmp.resolve("provision/http"));
        Path file = Fixtures.write(tree.resolve("http.drush.inc"), "<?php\n");
        Path outside = Fixtures.write(tmp.resolve("root-only.txt"), "root's");
        Path link = Files.createSymbolicLink(tmp.resolve("provision/link"), outside);

        Ownership.chownTree(tmp.resolve("provision"), aegir);

        for (Path p : new Path[] {tmp.resolve("provision"), tree, file, link}) {
            assertThat(Ownership.ownerOf(p)).as(p.toString()).isEqualTo("aegir");
            assertThat(Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS))
                    .isEqualTo(aegir.gid());
        }
        assertThat(Ownership.ownerOf(outside)).isEqualTo("root");
    }

    @Test
    void filesWrittenAsRootAreAdoptedByTheHomesOwner() throws Exception {
        UnixUser aegir = Unix.assumeRootAndAegir();
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Ownership.chownTree(home.root(), aegir);
        home.ensureStateDir();
        try (RunLock lock = RunLock.acquire(home, "status")) {
            assertThat(Ownership.ownerOf(home.stateDir())).isEqualTo("aegir");
            assertThat(Ownership.ownerOf(home.lockFile())).isEqualTo("aegir");
            assertThat(Ownership.ownerOf(home.lockInfoFile())).isEqualTo("aegir");
        }
        BackupSet set = BackupSets.create(home, java.time.Clock.systemUTC());
        assertThat(Ownership.ownerOf(set.dir())).isEqualTo("aegir");
        assertThat(Ownership.ownerOf(set.dir().resolve(BackupManifest.FILE))).isEqualTo("aegir");
    }
}
