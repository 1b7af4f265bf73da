package io.github.aegirmaven.aegir.home;

import static io.github.aegirmaven.aegir.home.Fixtures.DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Migrated" is decided from where the hostmaster alias points AND from the old platform no longer holding the site;
 * anything between the start and the end of provision-migrate's copy is an interrupted migration.
 */
class MigrationStateTest {

    @TempDir
    Path tmp;

    private AegirHome home;
    private Path oldDir;
    private Path newDir;

    @BeforeEach
    void rc2HomeWithTheNewPlatformBuilt() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir"));
        oldDir = home.root().resolve("hostmaster-6.x-1.0-rc2");
        newDir = Fixtures.drupalRoot(home.hostmasterDir("6.x-1.0-rc3"));
    }

    private MigrationState state() throws Exception {
        return MigrationState.of(home, DOMAIN, newDir, List.of());
    }

    /** What provision-deploy leaves: a copy of sites/DOMAIN in the new platform, the old one untouched. */
    private void deployCopy() throws Exception {
        Fixtures.write(newDir.resolve("sites/" + DOMAIN + "/settings.php"), "<?php\n");
    }

    @Test
    void notStartedAliasOnTheOldPlatformWhichAloneHoldsTheSite() throws Exception {
        MigrationState s = state();
        assertThat(s.kind()).isEqualTo(MigrationState.Kind.NOT_STARTED);
        assertThat(s.holding()).containsExactly(oldDir);
        assertThat(s.others()).containsExactly(oldDir);
    }

    @Test
    void doneAliasOnTheNewPlatformWhichAloneHoldsTheSite() throws Exception {
        Files.move(oldDir.resolve("sites/" + DOMAIN), newDir.resolve("sites/" + DOMAIN));
        Fixtures.pointAlias(home, newDir);
        assertThat(state().kind()).isEqualTo(MigrationState.Kind.DONE);
        assertThat(state().done()).isTrue();
    }

    @Test
    void withoutAnAliasFileTheDirectoriesAloneDecide() throws Exception {
        Files.delete(home.hostmasterAlias());
        assertThat(state().kind()).isEqualTo(MigrationState.Kind.NOT_STARTED);
        deployCopy();
        assertThat(state().kind()).isEqualTo(MigrationState.Kind.INTERRUPTED);
        Trees.deleteRecursively(oldDir.resolve("sites/" + DOMAIN));
        assertThat(state().kind()).isEqualTo(MigrationState.Kind.DONE);
    }

    @Test
    void bothCopiesWithTheAliasOnTheNewPlatformIsInterruptedBetweenDeployAndDelete() throws Exception {
        deployCopy();
        Fixtures.pointAlias(home, newDir);
        MigrationState s = state();
        assertThat(s.kind()).isEqualTo(MigrationState.Kind.INTERRUPTED);
        assertThat(s.holding()).containsExactly(oldDir, newDir);
        String advice = s.advice("php /x/drush.php");
        assertThat(advice)
                .contains("A migration of the hostmaster site " + DOMAIN + " to " + newDir + " was interrupted")
                .contains(home.hostmasterAlias() + " points at " + newDir)
                .contains("is in " + oldDir + " and " + newDir)
                .contains("To finish it instead: run `php /x/drush.php @hostmaster provision-verify`")
                .contains("move " + oldDir.resolve("sites/" + DOMAIN) + " out of " + oldDir)
                .contains("To undo it")
                .contains("back to " + oldDir);
    }

    @Test
    void aCopyInTheNewPlatformWithTheAliasStillOnTheOldOneIsInterrupted() throws Exception {
        deployCopy();
        MigrationState s = state();
        assertThat(s.kind()).isEqualTo(MigrationState.Kind.INTERRUPTED);
        assertThat(s.advice("drush"))
                .contains("The alias still names " + oldDir)
                .contains("move " + newDir.resolve("sites/" + DOMAIN) + " out of " + newDir);
    }

    @Test
    void halfADeployWithoutSettingsPhpIsInterruptedToo() throws Exception {
        Fixtures.write(newDir.resolve("sites/" + DOMAIN + "/files/a.png"), "png");
        MigrationState s = state();
        assertThat(s.kind()).isEqualTo(MigrationState.Kind.INTERRUPTED);
        assertThat(s.newCopy()).isTrue();
        assertThat(s.facts()).contains(newDir.resolve("sites/" + DOMAIN) + " exists without its settings.php");
    }

    @Test
    void theAliasOnTheNewPlatformBeforeAnyCopyIsInterrupted() throws Exception {
        Fixtures.pointAlias(home, newDir); // provision-save done, deploy not started
        MigrationState s = state();
        assertThat(s.kind()).isEqualTo(MigrationState.Kind.INTERRUPTED);
        assertThat(s.advice("drush")).contains("To undo it").contains("back to " + oldDir);
    }

    @Test
    void theSiteOnlyInTheNewPlatformWithTheAliasOnTheOldOneIsInterrupted() throws Exception {
        Files.move(oldDir.resolve("sites/" + DOMAIN), newDir.resolve("sites/" + DOMAIN));
        MigrationState s = state();
        assertThat(s.kind()).isEqualTo(MigrationState.Kind.INTERRUPTED);
        assertThat(s.advice("drush"))
                .contains("Only the new platform holds the site, but the alias does not name it")
                .contains("set 'root' to " + newDir);
    }

    @Test
    void anOldPlatformOutsideTheHomeCountsWhenGiven() throws Exception {
        Path outside = Fixtures.drupalRoot(tmp.resolve("elsewhere/hostmaster"));
        Files.move(oldDir.resolve("sites/" + DOMAIN), outside.resolve("sites/" + DOMAIN));
        deployCopy();
        Fixtures.pointAlias(home, newDir);
        assertThat(state().kind()).as("the old platform is not under the home").isEqualTo(MigrationState.Kind.DONE);
        assertThat(MigrationState.of(home, DOMAIN, newDir, List.of(outside)).kind())
                .isEqualTo(MigrationState.Kind.INTERRUPTED);
    }

    @Test
    void aDomainThatIsNoDirectoryNameIsRefused() {
        assertThatThrownBy(() -> MigrationState.of(home, "../x", newDir, List.of()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("aegirDomain");
    }
}
