package io.github.aegirmaven.aegir.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseTest {

    @Test
    void namesAndFileNames() {
        Release drush = new Release("drush", "7.x-4.4");
        assertThat(drush).hasToString("drush-7.x-4.4");
        assertThat(drush.displayName()).isEqualTo("drush 7.x-4.4");
        assertThat(drush.archiveFileName()).isEqualTo("drush-7.x-4.4.tar.gz");
        assertThat(drush.drupalVersion().major()).isEqualTo(4);
    }

    @Test
    void equalByProjectAndVersion() {
        Release drush = new Release("drush", "7.x-4.4");
        assertThat(drush).isEqualTo(new Release("drush", "7.x-4.4")).hasSameHashCodeAs(new Release("drush", "7.x-4.4"));
        assertThat(drush)
                .isNotEqualTo(new Release("drush", "7.x-4.2"))
                .isNotEqualTo(new Release("provision", "7.x-4.4"))
                .isNotEqualTo("drush-7.x-4.4")
                .isNotEqualTo(null);
        assertThat(new HashSet<>(List.of(drush, new Release("drush", "7.x-4.4"), new Release("drush_make", "6.x-2.2"))))
                .hasSize(2);
    }

    @Test
    void rejectsBadProjectNames() {
        for (String bad : new String[] {"Drush", "drush-make", "1drush", "", "../etc", "drush make"}) {
            assertThatThrownBy(() -> new Release(bad, "7.x-4.4"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"" + bad + "\"")
                    .hasMessageContaining("lower-case letters, digits and underscores");
        }
        assertThatThrownBy(() -> new Release(null, "7.x-4.4")).hasMessageContaining("(none)");
    }

    @Test
    void rejectsBadVersionsNamingTheProject() {
        assertThatThrownBy(() -> new Release("provision", "6.x-1.0-final"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provision")
                .hasMessageContaining("\"6.x-1.0-final\"")
                .hasMessageContaining("6.x-1.0-rc3, 7.x-4.4");
    }

    @Test
    void sortsByProjectThenVersion() {
        List<Release> releases = new ArrayList<>(List.of(
                new Release("provision", "6.x-1.0-rc3"),
                new Release("drush", "7.x-4.10"),
                new Release("drush", "7.x-4.4"),
                new Release("drush_make", "6.x-2.2")));
        Collections.sort(releases);
        assertThat(releases)
                .extracting(Release::toString)
                .containsExactly("drush-7.x-4.4", "drush-7.x-4.10", "drush_make-6.x-2.2", "provision-6.x-1.0-rc3");
    }
}
