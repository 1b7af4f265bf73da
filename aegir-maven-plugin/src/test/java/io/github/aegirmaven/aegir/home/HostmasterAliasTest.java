package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the hostmaster alias file without running it: only the top-level string values of the one array. */
class HostmasterAliasTest {

    @TempDir
    Path tmp;

    /** What provision writes: var_export of the context, nested arrays and non-strings included. */
    private static final String PROVISION = "<?php \n$aliases['hostmaster'] = array (\n"
            + "  'context_type' => 'site',\n"
            + "  'platform' => '@platform_hostmaster6x10rc3',\n"
            + "  'server' => '@server_master',\n"
            + "  'aliases' => \n  array (\n    0 => 'www.aegir.example.com',\n    'root' => '/not/this/one',\n  ),\n"
            + "  'redirection' => false,\n"
            + "  'http_port' => 80,\n"
            + "  'uri' => 'aegir.example.com',\n"
            + "  'root' => '/var/aegir/hostmaster-6.x-1.0-rc3',\n"
            + "  'site_path' => '/var/aegir/hostmaster-6.x-1.0-rc3/sites/aegir.example.com',\n"
            + "  'client_email' => 'it\\'s me\\\\',\n"
            + ");\n";

    @Test
    void readsTheTopLevelStringsOfProvisionsVarExport() {
        Map<String, String> v = HostmasterAlias.parse(PROVISION, "hostmaster").orElseThrow();
        assertThat(v)
                .containsEntry("root", "/var/aegir/hostmaster-6.x-1.0-rc3")
                .containsEntry("platform", "@platform_hostmaster6x10rc3")
                .containsEntry("client_email", "it's me\\")
                .doesNotContainKeys("redirection", "http_port", "aliases");
    }

    @Test
    void commentsShortArraysAndDoubleQuotesAreRead() {
        String text = "<?php\n// $aliases['hostmaster'] = array('root' => '/commented/out');\n"
                + "/* $aliases['hostmaster'] = ['root' => '/also/out']; */\n"
                + "$aliases[\"hostmaster\"] = [ # provision\n 'root' => \"/var/aegir/hm\", 'uri' => 'a', ];\n";
        // the commented-out ones are not assignments this reader can parse as such, the real one is
        Optional<Map<String, String>> v = HostmasterAlias.parse(text, "hostmaster");
        assertThat(v).isPresent();
        assertThat(v.get()).containsEntry("root", "/var/aegir/hm");
    }

    @Test
    void anotherAliasAComparisonOrCodeIsNotReadAsTheAlias() {
        assertThat(HostmasterAlias.parse("<?php $aliases['platform_x'] = array('root' => '/x');", "hostmaster"))
                .isEmpty();
        assertThat(HostmasterAlias.parse("<?php if ($aliases['hostmaster'] == array('root' => '/x')) {}", "hostmaster"))
                .isEmpty();
        assertThat(HostmasterAlias.parse("<?php $aliases['hostmaster'] = make_alias('/x');", "hostmaster"))
                .isEmpty();
        assertThat(HostmasterAlias.parse("<?php $aliases['hostmaster'] = array('root' => \"$base/x\");", "hostmaster"))
                .isEmpty();
        assertThat(HostmasterAlias.parse("<?php $aliases['hostmaster'] = array('root' => '/x'", "hostmaster"))
                .isEmpty();
    }

    @Test
    void theHomesFileMissingOrUnreadableGivesNoRootAndSaysWhy() throws Exception {
        AegirHome home = AegirHome.at(tmp);
        HostmasterAlias none = HostmasterAlias.read(home);
        assertThat(none.root()).isEmpty();
        assertThat(none.problem()).isEmpty();

        Fixtures.write(home.hostmasterAlias(), "<?php\n$aliases['hostmaster'] = garbage;\n");
        HostmasterAlias bad = HostmasterAlias.read(home);
        assertThat(bad.root()).isEmpty();
        assertThat(bad.problem())
                .get()
                .asString()
                .contains(home.hostmasterAlias().toString());

        Fixtures.write(
                home.hostmasterAlias(),
                PROVISION.replace("'/var/aegir/hostmaster-6.x-1.0-rc3',", "'/var/aegir/./hostmaster-6.x-1.0-rc3/',"));
        HostmasterAlias ok = HostmasterAlias.read(home);
        assertThat(ok.root()).contains(Paths.get("/var/aegir/hostmaster-6.x-1.0-rc3"));
        assertThat(ok.pointsAt(Paths.get("/var/aegir/hostmaster-6.x-1.0-rc3"))).isTrue();
        assertThat(ok.platform()).contains("@platform_hostmaster6x10rc3");

        Fixtures.write(home.hostmasterAlias(), "<?php\n$aliases['hostmaster'] = array('root' => 'relative/dir');\n");
        assertThat(HostmasterAlias.read(home).root()).isEmpty();
    }
}
