package io.github.aegirmaven.aegir.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlTemplateTest {

    private final Release drush = new Release("drush", "7.x-4.4");

    @Test
    void defaultIsDrupalOrg() throws Exception {
        assertThat(UrlTemplate.parse(UrlTemplate.DEFAULT).resolve(drush))
                .isEqualTo(URI.create("https://ftp.drupal.org/files/projects/drush-7.x-4.4.tar.gz"));
    }

    @Test
    void mirrorsAndFileUrls() throws Exception {
        assertThat(UrlTemplate.parse(
                                "http://mirror.example.org:8080/drupal/{project}/{version}/{project}-{version}.tgz")
                        .resolve(drush))
                .hasToString("http://mirror.example.org:8080/drupal/drush/7.x-4.4/drush-7.x-4.4.tgz");
        assertThat(UrlTemplate.parse("file:///srv/mirror/{project}-{version}.tar.gz")
                        .resolve(drush))
                .hasToString("file:///srv/mirror/drush-7.x-4.4.tar.gz");
        assertThat(UrlTemplate.parse("file:/srv/mirror/{project}-{version}.tar.gz")
                        .resolve(drush)
                        .getPath())
                .isEqualTo("/srv/mirror/drush-7.x-4.4.tar.gz");
    }

    @Test
    void missingPlaceholdersNameTheParameter() {
        assertProblem("https://ftp.drupal.org/files/projects/drush-7.x-4.4.tar.gz", "no {project} and {version}");
        assertProblem("https://ftp.drupal.org/files/projects/drush-{version}.tar.gz", "no {project} placeholder");
        assertProblem("https://ftp.drupal.org/files/projects/{project}.tar.gz", "no {version} placeholder");
        assertProblem("https://example.org/{project}-{release}.tar.gz", "unknown placeholder(s) {release}");
    }

    @Test
    void refusesOtherSchemesAndBadUrls() {
        assertProblem("ftp://ftp.drupal.org/{project}-{version}.tar.gz", "scheme \"ftp:\" is not supported");
        assertProblem("ftp.drupal.org/{project}-{version}.tar.gz", "no scheme");
        assertProblem("file:mirror/{project}-{version}.tar.gz", "absolute path");
        assertProblem("https:///{project}-{version}.tar.gz", "no host name");
        assertProblem("https://example.org/{project}-{version}.tar.gz|x", "not a valid URL (Illegal character");
        assertProblem("https://user:secret@example.org/{project}-{version}.tar.gz", "serverId");
        assertProblem("https://example.org/{project} {version}.tar.gz", "spaces");
        assertProblem("", "empty");
        assertProblem(null, "not set");
    }

    @Test
    void credentialsInTheUrlAreNotRepeatedBack() {
        assertThatThrownBy(() -> UrlTemplate.parse("https://user:secret@example.org/{project}-{version}.tar.gz"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("settings.xml")
                .hasMessageContaining("https://****@example.org/")
                .hasMessageNotContaining("secret");
    }

    private static void assertProblem(String template, String expected) {
        assertThatThrownBy(() -> UrlTemplate.parse(template))
                .as(String.valueOf(template))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("downloadUrl (-Daegir.downloadUrl)")
                .hasMessageContaining(expected)
                .hasMessageContaining(UrlTemplate.DEFAULT);
    }
}
