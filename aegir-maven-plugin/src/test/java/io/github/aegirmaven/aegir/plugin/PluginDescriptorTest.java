package io.github.aegirmaven.aegir.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Each goal declares the parameters it honours and nothing else, each with its {@code aegir.*} property and since. */
class PluginDescriptorTest {

    private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");

    private static final List<String> HOME = List.of("aegirHome", "aegirUser", "dryRun", "timeout");
    private static final List<String> CHANGE = List.of("aegirVersion", "drushVersion", "php", "assumeYes");
    private static final List<String> FRONTEND = List.of(
            "aegirDomain",
            "oldHostmasterDir",
            "newHostmasterDir",
            "makefile",
            "moveAsideLeftover",
            "rules",
            "ruleList",
            "makeEngine",
            "failOnWarning");
    private static final List<String> DOWNLOAD = List.of("downloadUrl", "lockFile", "cacheDirectory", "serverId");
    private static final List<String> BACKEND = List.of("drushMakeVersion", "strictLock", "keepBackups");

    /** The parameters each goal honours (besides skip), as README and DESIGN document them. */
    private static final Map<String, Set<String>> EXPECTED = new LinkedHashMap<>();

    /** The property of every parameter a user can set with -D, as README documents it. */
    private static final Map<String, String> PROPERTIES = new TreeMap<>();

    static {
        EXPECTED.put("lock", set(DOWNLOAD, List.of("drushVersion", "aegirVersion", "drushMakeVersion")));
        EXPECTED.put(
                "status",
                set(List.of(
                        "aegirHome",
                        "drushVersion",
                        "aegirVersion",
                        "drushMakeVersion",
                        "aegirDomain",
                        "newHostmasterDir",
                        "failOnDrift",
                        "updateUrl",
                        "failOnInsecure",
                        "lockedMakefile",
                        "cacheDirectory",
                        "statusJson")));
        EXPECTED.put("rollback", set(HOME, List.of("backendOnly", "backupSet")));
        EXPECTED.put("backend-upgrade", set(HOME, CHANGE, DOWNLOAD, BACKEND));
        EXPECTED.put("hostmaster-migrate", set(HOME, CHANGE, FRONTEND));
        EXPECTED.put("upgrade", set(HOME, CHANGE, FRONTEND, DOWNLOAD, BACKEND, List.of("report")));
        EXPECTED.put(
                "makefile-validate",
                set(List.of(
                        "makefile",
                        "drushVersion",
                        "aegirVersion",
                        "makeEngine",
                        "rules",
                        "ruleList",
                        "hostmasterPlatform",
                        "failOnWarning",
                        "reportDirectory",
                        "updateUrl",
                        "failOnInsecure",
                        "lockedMakefile",
                        "cacheDirectory",
                        "jsonOutput")));
        EXPECTED.put(
                "makefile-lock",
                set(List.of("makefile", "lockedMakefile", "updateUrl", "update", "allowNotLocked", "cacheDirectory")));
        EXPECTED.put("platform-build", set(List.of("lockedMakefile", "platformDir", "cacheDirectory", "aegirUser")));
        String[][] props = {
            {"skip", "aegir.skip"},
            {"aegirHome", "aegir.home"},
            {"aegirUser", "aegir.user"},
            {"aegirDomain", "aegir.domain"},
            {"aegirVersion", "aegir.version"},
            {"drushVersion", "aegir.drushVersion"},
            {"drushMakeVersion", "aegir.drushMakeVersion"},
            {"oldHostmasterDir", "aegir.oldHostmasterDir"},
            {"newHostmasterDir", "aegir.newHostmasterDir"},
            {"makefile", "aegir.makefile"},
            {"downloadUrl", "aegir.downloadUrl"},
            {"lockFile", "aegir.lockFile"},
            {"strictLock", "aegir.lock.strict"},
            {"cacheDirectory", "aegir.cacheDirectory"},
            {"serverId", "aegir.serverId"},
            {"php", "aegir.php"},
            {"assumeYes", "aegir.yes"},
            {"dryRun", "aegir.dryRun"},
            {"timeout", "aegir.timeout"},
            {"keepBackups", "aegir.keepBackups"},
            {"moveAsideLeftover", "aegir.moveAsideLeftover"},
            {"ruleList", "aegir.makefile.rules"},
            {"makeEngine", "aegir.makefile.engine"},
            {"failOnWarning", "aegir.failOnWarning"},
            {"backendOnly", "aegir.backendOnly"},
            {"backupSet", "aegir.backupSet"},
            {"failOnDrift", "aegir.failOnDrift"},
            {"statusJson", "aegir.status.json"},
            {"report", "aegir.upgrade.report"},
            {"hostmasterPlatform", "aegir.makefile.hostmaster"},
            {"reportDirectory", "aegir.reportDirectory"},
            {"jsonOutput", "aegir.makefile.json"},
            {"lockedMakefile", "aegir.lockedMakefile"},
            {"platformDir", "aegir.platformDir"},
            {"updateUrl", "aegir.updateUrl"},
            {"update", "aegir.update"},
            {"allowNotLocked", "aegir.allowNotLocked"},
            {"failOnInsecure", "aegir.failOnInsecure"}
        };
        for (String[] p : props) {
            PROPERTIES.put(p[0], p[1]);
        }
    }

    private static Document plugin;

    @BeforeAll
    static void read() throws Exception {
        assertThat(DESCRIPTOR).as("generated by the build before the tests").exists();
        try (var in = Files.newInputStream(DESCRIPTOR)) {
            plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    @Test
    void eachGoalDeclaresExactlyTheParametersItHonours() {
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        for (Element mojo : mojos()) {
            if (!"help".equals(text(mojo, "goal"))) {
                declared.put(text(mojo, "goal"), userParameters(mojo).keySet());
            }
        }
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        EXPECTED.forEach((goal, names) -> {
            Set<String> withSkip = new TreeSet<>(names);
            withSkip.add("skip");
            expected.put(goal, withSkip);
        });
        assertThat(declared).containsExactlyInAnyOrderEntriesOf(expected);
    }

    /** README's table "Each goal takes only the parameters it honours" says what each goal's descriptor has. */
    @Test
    void readmeListsEachGoalsParameters() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("../README.md"));
        int start = lines.indexOf("| goal | parameters |");
        assertThat(start).as("README's table of parameters per goal").isPositive();
        Map<String, Set<String>> readme = new LinkedHashMap<>();
        for (String line : lines.subList(start + 2, lines.size())) {
            if (!line.startsWith("| `")) {
                break;
            }
            String[] cells = line.split("\\|");
            Set<String> names = new TreeSet<>();
            Matcher m = Pattern.compile("`([A-Za-z-]+)`").matcher(cells[2]);
            while (m.find()) {
                // "those of `backend-upgrade` and `hostmaster-migrate`": a goal named above, with its parameters
                names.addAll(readme.getOrDefault(m.group(1), Set.of(m.group(1))));
            }
            readme.put(cells[1].strip().replace("`", ""), names);
        }
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        for (Element mojo : mojos()) {
            String goal = text(mojo, "goal");
            if (!"help".equals(goal)) {
                Set<String> names = new TreeSet<>(userParameters(mojo).keySet());
                names.remove("skip"); // README: taken by all
                declared.put(goal, names);
            }
        }
        assertThat(readme).containsExactlyInAnyOrderEntriesOf(declared);
    }

    @Test
    void everyGoalAndParameterSaysSinceWhen() {
        for (Element mojo : mojos()) {
            String goal = text(mojo, "goal");
            if ("help".equals(goal)) {
                continue;
            }
            assertThat(text(mojo, "since")).as("since of goal %s", goal).isEqualTo("0.1.0");
            userParameters(mojo)
                    .forEach((name, p) -> assertThat(text(p, "since"))
                            .as("since of %s:%s", goal, name)
                            .isEqualTo("0.1.0"));
        }
    }

    @Test
    void everyParameterKeepsItsDocumentedProperty() {
        for (Element mojo : mojos()) {
            String goal = text(mojo, "goal");
            if ("help".equals(goal)) {
                continue;
            }
            Element configuration = child(mojo, "configuration");
            for (String name : userParameters(mojo).keySet()) {
                Element value = configuration == null ? null : child(configuration, name);
                String expression =
                        value == null ? null : value.getTextContent().strip();
                if ("rules".equals(name)) {
                    assertThat(expression)
                            .as("rules is a map: configured in the pom only")
                            .isNull();
                    continue;
                }
                assertThat(expression).as("property of %s:%s", goal, name).isEqualTo("${" + PROPERTIES.get(name) + "}");
            }
        }
    }

    /**
     * A required parameter without a default makes Maven refuse the goal before it runs, with its generic message
     * and even under {@code -Daegir.skip=true}: a missing setting is refused by the goal itself, naming it.
     */
    @Test
    void noParameterIsRequiredWithoutADefault() {
        for (Element mojo : mojos()) {
            String goal = text(mojo, "goal");
            Element configuration = child(mojo, "configuration");
            userParameters(mojo).forEach((name, p) -> {
                if ("true".equals(text(p, "required"))) {
                    Element value = configuration == null ? null : child(configuration, name);
                    assertThat(value == null ? "" : value.getAttribute("default-value"))
                            .as("default of the required parameter %s:%s", goal, name)
                            .isNotEmpty();
                }
            });
        }
    }

    private static Set<String> set(List<?>... lists) {
        Set<String> all = new TreeSet<>();
        for (List<?> l : lists) {
            l.forEach(n -> all.add((String) n));
        }
        return all;
    }

    private static List<Element> mojos() {
        NodeList list = plugin.getElementsByTagName("mojo");
        return java.util.stream.IntStream.range(0, list.getLength())
                .mapToObj(i -> (Element) list.item(i))
                .toList();
    }

    /** The parameters a user can set (not Maven's read-only ones), by name. */
    private static Map<String, Element> userParameters(Element mojo) {
        Map<String, Element> out = new TreeMap<>();
        Element parameters = child(mojo, "parameters");
        for (Node n = parameters.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element p && "true".equals(text(p, "editable"))) {
                out.put(text(p, "name"), p);
            }
        }
        return out;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }
}
