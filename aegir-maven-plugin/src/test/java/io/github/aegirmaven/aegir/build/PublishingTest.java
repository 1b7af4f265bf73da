package io.github.aegirmaven.aegir.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * What Maven Central requires of a published plugin, checked on the poms as they are in the repository, so that
 * a build fails as soon as one element goes missing (not on the day of the release): name, description, url,
 * licence, developers and scm (in the plugin's pom or inherited from the parent), sources and javadoc jars and
 * signatures (the {@code release} profile), the LICENSE and CHANGELOG files, the goal reference (the plugin
 * report), and the modules that must never be deployed.
 */
class PublishingTest {

    /** The checkout: this module's parent directory. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private final XPath xpath = XPathFactory.newInstance().newXPath();

    private Document pom(String path) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(ROOT.resolve(path).toFile());
    }

    private String text(Document pom, String expression) throws Exception {
        return ((String) xpath.evaluate(expression, pom, XPathConstants.STRING)).trim();
    }

    private List<String> missing(Document plugin, Document parent, String... expressions) throws Exception {
        List<String> missing = new ArrayList<>();
        for (String e : expressions) {
            if (text(plugin, e).isEmpty() && text(parent, e).isEmpty()) {
                missing.add(e);
            }
        }
        return missing;
    }

    @Test
    void thePomsHaveEveryElementCentralRequires() throws Exception {
        Document parent = pom("pom.xml");
        Document plugin = pom("aegir-maven-plugin/pom.xml");
        assertThat(text(plugin, "/project/name")).as("the plugin's own name").isNotEmpty();
        assertThat(missing(
                        plugin,
                        parent,
                        "/project/description",
                        "/project/url",
                        "/project/licenses/license/name",
                        "/project/licenses/license/url",
                        "/project/developers/developer/name",
                        "/project/scm/connection",
                        "/project/scm/developerConnection",
                        "/project/scm/url",
                        "/project/issueManagement/url"))
                .as("elements Maven Central requires, missing from aegir-maven-plugin/pom.xml and pom.xml")
                .isEmpty();
        assertThat(text(parent, "/project/name")).isNotEmpty();
    }

    @Test
    void theReleaseProfileAttachesSourcesAndJavadocAndSigns() throws Exception {
        Document parent = pom("pom.xml");
        NodeList plugins = (NodeList) xpath.evaluate(
                "/project/profiles/profile[id='release']/build/plugins/plugin/artifactId",
                parent,
                XPathConstants.NODESET);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < plugins.getLength(); i++) {
            ids.add(plugins.item(i).getTextContent().trim());
        }
        assertThat(ids).contains("maven-source-plugin", "maven-javadoc-plugin", "maven-gpg-plugin");
        assertThat(text(parent, "/project/profiles/profile[id='no-signing-key']/properties/gpg.skip"))
                .isEqualTo("true");
    }

    @Test
    void theTestsAndTheSampleAreNeverDeployed() throws Exception {
        assertThat(text(pom("it-tests/pom.xml"), "/project/properties/maven.deploy.skip"))
                .isEqualTo("true");
        assertThat(text(pom("sample-project/pom.xml"), "/project/properties/maven.deploy.skip"))
                .isEqualTo("true");
    }

    @Test
    void theLicenceTheChangelogAndTheGoalReferenceAreThere() throws Exception {
        assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
        assertThat(Files.readString(ROOT.resolve("CHANGELOG.md"))).contains("## ");
        assertThat(text(
                        pom("aegir-maven-plugin/pom.xml"),
                        "/project/reporting/plugins/plugin[artifactId='maven-plugin-report-plugin']/artifactId"))
                .isNotEmpty();
    }
}
