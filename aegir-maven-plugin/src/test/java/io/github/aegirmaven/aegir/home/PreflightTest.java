package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.home.user.Ownership;
import io.github.aegirmaven.aegir.home.user.UnixUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    @TempDir
    Path tmp;

    private static final CurrentUser ROOT = new CurrentUser("root", true);

    @Test
    void missingOrNonDirectoryHome() throws Exception {
        AegirHome missing = AegirHome.at(tmp.resolve("nope"));
        assertThat(Preflight.checkHome(missing, "aegir", ROOT))
                .get()
                .asString()
                .contains("aegirHome (-Daegir.home) " + missing.root() + " does not exist");
        Path file = Fixtures.write(tmp.resolve("file"), "x");
        assertThat(Preflight.checkHome(AegirHome.at(file), "aegir", ROOT))
                .get()
                .asString()
                .contains("is not a directory");
    }

    @Test
    void asRootTheHomeMustBeOwnedByTheAegirUser() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        String owner = Ownership.ownerOf(home.root());
        String other = owner.equals("aegir") ? "nobody" : "aegir";
        assertThat(Preflight.checkHome(home, other, ROOT))
                .get()
                .asString()
                .contains("is owned by " + owner + ", expected the aegir user " + other)
                .contains("chown " + other + ": " + home.root());
        assertThat(Preflight.checkHome(home, owner, ROOT)).isEmpty();
    }

    @Test
    void asTheAegirUserTheHomeMustBeWritable() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        CurrentUser me = CurrentUser.detect();
        assertThat(Preflight.checkHome(home, me.name(), new CurrentUser(me.name(), false)))
                .isEmpty();
    }

    @Test
    void freeSpace() throws Exception {
        assertThat(Preflight.checkFreeSpace(tmp, 1024, "the staged releases")).isEmpty();
        Optional<String> tooMuch =
                Preflight.checkFreeSpace(tmp.resolve("not/yet"), Long.MAX_VALUE, "the staged releases");
        assertThat(tooMuch)
                .get()
                .asString()
                .contains("Not enough free disk space")
                .contains("the staged releases")
                .contains("need 8.0 EiB")
                .contains("pre-upgrade-");
    }

    @Test
    void onlyTheAegirUserOrRootMayRun() {
        // "the aegir user" here is the user running the test, which surely exists (nobody when that is root,
        // which is never the aegir user)
        String aegir = "root".equals(System.getProperty("user.name")) ? "nobody" : System.getProperty("user.name");
        assertThat(Preflight.checkUser(aegir, new CurrentUser(aegir, false), "mvn aegir:upgrade"))
                .isEmpty();
        assertThat(Preflight.checkUser(aegir, ROOT, "mvn aegir:upgrade")).isEmpty();
        assertThat(Preflight.checkUser(
                        aegir, new CurrentUser("alice", false), "mvn -Daegir.domain=it's.example aegir:upgrade"))
                .get()
                .asString()
                .contains("runs as user alice")
                .contains("aegirUser/-Daegir.user")
                .endsWith("su -s /bin/sh " + aegir + " -c 'mvn -Daegir.domain=it'\\''s.example aegir:upgrade'");
    }

    @Test
    void anAegirUserThatDoesNotExistIsNamedAsSuch() throws Exception {
        for (CurrentUser current : List.of(ROOT, new CurrentUser("alice", false))) {
            assertThat(Preflight.checkUser("no-such-aegir-user", current, "mvn aegir:upgrade"))
                    .get()
                    .asString()
                    .startsWith("There is no such user no-such-aegir-user (aegirUser/-Daegir.user)")
                    .contains("useradd")
                    .doesNotContain("su -s");
        }
        assertThat(Preflight.checkUser("aegir; rm -rf /", ROOT, "mvn aegir:upgrade"))
                .get()
                .asString()
                .contains("aegirUser (-Daegir.user) must be a Unix user name");
        // and the home check does not advise handing the home to a user that does not exist
        assertThat(Preflight.checkHome(AegirHome.at(tmp), "no-such-aegir-user", ROOT))
                .isEmpty();
    }

    @Test
    void problemsAreReportedTogether() {
        List<String> problems = Preflight.problems(Optional.of("first"), Optional.empty(), Optional.of("second"));
        assertThat(problems).containsExactly("first", "second");
        assertThatThrownBy(() -> Preflight.failIfAny(problems))
                .isInstanceOf(UserFixableException.class)
                .hasMessage("2 problems must be fixed before anything is changed:\n  1. first\n  2. second");
        assertThatThrownBy(() -> Preflight.failIfAny(List.of("only"))).hasMessage("only");
    }

    @Test
    void problemsReportedTogetherCanBeJoinedByMoreWithoutNestingTheLists() {
        UserFixableException two = org.junit.jupiter.api.Assertions.assertThrows(
                UserFixableException.class, () -> Preflight.failIfAny(List.of("first", "second")));
        assertThat(two.problems()).containsExactly("first", "second");
        assertThat(new UserFixableException("one").problems()).containsExactly("one");

        List<String> all = new java.util.ArrayList<>(two.problems());
        all.add("third");
        assertThatThrownBy(() -> Preflight.failIfAny(all))
                .hasMessage(
                        "3 problems must be fixed before anything is changed:\n  1. first\n  2. second\n  3. third");
    }

    @Test
    void rootHomeOwnedByAegirPasses() throws Exception {
        UnixUser aegir = Unix.assumeRootAndAegir();
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Ownership.chownTree(home.root(), aegir);
        assertThat(Preflight.checkHome(home, "aegir", ROOT)).isEmpty();
        Files.setPosixFilePermissions(
                home.root(), java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        assertThat(Preflight.checkHome(home, "aegir", ROOT)).get().asString().contains("chmod u+w");
    }

    @Test
    void anAegirUserThatIsRootIsRefused() {
        for (CurrentUser current : List.of(ROOT, new CurrentUser("alice", false))) {
            assertThat(Preflight.checkUser("root", current, "mvn aegir:upgrade"))
                    .get()
                    .asString()
                    .startsWith("aegirUser (-Daegir.user) is root, but the aegir user is never root")
                    .contains("provision refuses to run as root (\"You are running the provision script as the root"
                            + " user. Exiting\")")
                    .contains("Set aegirUser to the account that owns the Aegir home, e.g. aegir")
                    .doesNotContain("su -s");
        }
        // uid 0 under another name, running as that user
        assertThat(Preflight.checkUser("toor", new CurrentUser("toor", true), "mvn aegir:upgrade"))
                .get()
                .asString()
                .startsWith("aegirUser (-Daegir.user) is toor, which has uid 0 (root), but the aegir user is never"
                        + " root");
        assertThat(Preflight.checkNotRoot("root")).get().asString().startsWith("aegirUser (-Daegir.user) is root,");
        assertThat(Preflight.checkNotRoot("aegir")).isEmpty();
    }

    @Test
    void asTheAegirUserAHomeOwnedBySomeoneElseIsRefused() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        String owner = Ownership.ownerOf(home.root()); // root, when the tests run as root
        String other = owner.equals("aegir") ? "nobody" : "aegir";
        assertThat(Preflight.checkHome(home, other, new CurrentUser(other, false)))
                .get()
                .asString()
                .isEqualTo("aegirHome " + home.root() + " is owned by " + owner + ", expected the aegir user " + other
                        + " (aegirUser/-Daegir.user). Run as root: chown " + other + ": " + home.root()
                        + "   (or set aegirUser to the user that owns it)");
    }

    @Test
    void drushAndDotDrushOwnedByRootAreRefused() throws Exception {
        UnixUser aegir = Unix.assumeRootAndAegir();
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Ownership.chownTree(home.root(), aegir);
        assertThat(Preflight.checkHome(home, "aegir", ROOT)).isEmpty();
        UnixUser root = UnixUser.lookup("root");
        Ownership.chownTree(home.drushDir(), root);
        Ownership.chownTree(home.provisionDir(), root);
        String expected = "In aegirHome " + home.root() + ", drush/ is owned by root, .drush/provision/ is owned by"
                + " root,"
                + " expected the aegir user aegir (aegirUser/-Daegir.user): provision writes there as aegir, and the"
                + " upgrade moves these into a backup set. Run%s: chown -R aegir: " + home.drushDir() + " "
                + home.provisionDir();
        assertThat(Preflight.checkHome(home, "aegir", ROOT)).contains(String.format(expected, ""));
        assertThat(Preflight.checkHome(home, "aegir", new CurrentUser("aegir", false)))
                .contains(String.format(expected, " as root"));
        Ownership.chownTree(home.dotDrush(), root);
        assertThat(Preflight.checkHome(home, "aegir", ROOT))
                .get()
                .asString()
                .contains(".drush/ is owned by root, .drush/provision/ is owned by root, .drush/drush_make/ is"
                        + " owned by")
                .endsWith("chown -R aegir: " + home.drushDir() + " " + home.dotDrush());
    }

    @Test
    void anAegirUserThatIsRootGetsNoChownAdvice() throws Exception {
        UnixUser aegir = Unix.assumeRootAndAegir();
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Ownership.chownTree(home.root(), aegir);
        // checkUser refuses root; the home check must not advise handing the home to root
        assertThat(Preflight.checkHome(home, "root", ROOT)).isEmpty();
    }
}
