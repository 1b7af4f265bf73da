package io.github.aegirmaven.aegir.home.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.Unix;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
    void aUserFoundIsNotLookedUpAgainButAMissingOneIs() throws Exception {
        UnixUser root = UnixUser.lookup("root");
        assertThat(UnixUser.lookup("root"))
                .as("the second look-up starts no getent: it answers with the user found")
                .isSameAs(root);
        assertThatThrownBy(() -> UnixUser.lookup("no-such-aegir-user")).isInstanceOf(UserFixableException.class);
        assertThatThrownBy(() -> UnixUser.lookup("no-such-aegir-user")).isInstanceOf(UserFixableException.class);
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
    void chownTreeLeavesWhatTheUserAlreadyOwnsAsItIs() throws Exception {
        UnixUser aegir = Unix.assumeRootAndAegir();
        Path tree = Files.createDirectories(tmp.resolve("provision/http"));
        Path file = Fixtures.write(tree.resolve("http.drush.inc"), "<?php\n");
        Path rootsFile = Fixtures.write(tree.resolve("written-as-root.inc"), "<?php\n");
        Ownership.chownTree(tmp.resolve("provision"), aegir);
        Files.setOwner(rootsFile, Files.getOwner(tmp));
        Object[] changed = {Files.getAttribute(file, "unix:ctime"), Files.getAttribute(tree, "unix:ctime")};
        // wait until the clock that stamps change times has moved on, so that a change would show
        Path clock = Fixtures.write(tmp.resolve("clock"), "");
        while (Files.getAttribute(clock, "unix:ctime").equals(changed[0])) {
            Files.setLastModifiedTime(clock, FileTime.fromMillis(System.currentTimeMillis()));
        }

        Ownership.chownTree(tmp.resolve("provision"), aegir);

        assertThat(Files.getAttribute(file, "unix:ctime")).isEqualTo(changed[0]);
        assertThat(Files.getAttribute(tree, "unix:ctime")).isEqualTo(changed[1]);
        assertThat(Ownership.ownerOf(rootsFile)).isEqualTo("aegir");
        assertThat(Files.getAttribute(rootsFile, "unix:gid", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(aegir.gid());
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
