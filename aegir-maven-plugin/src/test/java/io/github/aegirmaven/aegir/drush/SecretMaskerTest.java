package io.github.aegirmaven.aegir.drush;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    private final SecretMasker masker = new SecretMasker();

    @Test
    void provisionsWaysOfPrintingDatabasePasswords() {
        assertThat(masker.mask("  'db_passwd' => 'hunter2x',")).isEqualTo("  'db_passwd' => '****',");
        assertThat(masker.mask("\"db_passwd\" => \"s3cr'et\"")).isEqualTo("\"db_passwd\" => \"****\"");
        assertThat(masker.mask("'aegir_db_pass' => 'pw\\'with quote', 'db_user' => 'aegir'"))
                .isEqualTo("'aegir_db_pass' => '****', 'db_user' => 'aegir'");
        assertThat(masker.mask("$db_url = 'mysqli://aegir_root:Tr0ub4dor@localhost/hostmaster';"))
                .isEqualTo("$db_url = 'mysqli://aegir_root:****@localhost/hostmaster';");
        assertThat(masker.mask("$options['db_passwd'] = 'xyzzy42';")).isEqualTo("$options['db_passwd'] = '****';");
        assertThat(masker.mask("$db_passwd = \"xyzzy42\";")).isEqualTo("$db_passwd = \"****\";");
        assertThat(masker.mask("    [db_passwd] => xyzzy 42")).isEqualTo("    [db_passwd] => ****");
        assertThat(masker.mask("{\"db_passwd\":\"xy\\\"zzy\",\"db_name\":\"site\"}"))
                .isEqualTo("{\"db_passwd\":\"****\",\"db_name\":\"site\"}");
        assertThat(masker.mask("GRANT ALL ON *.* TO 'aegir'@'%' IDENTIFIED BY 'letmein99'"))
                .isEqualTo("GRANT ALL ON *.* TO 'aegir'@'%' IDENTIFIED BY '****'");
    }

    @Test
    void everyFormDrushAndProvisionPrintCredentialsIn() {
        // a PHP array, as provision prints a context (quoted key, unquoted key, print_r)
        assertThat(masker.mask("  'db_passwd' => 'secret42',")).isEqualTo("  'db_passwd' => '****',");
        assertThat(masker.mask("db_passwd => 'secret42'")).isEqualTo("db_passwd => '****'");
        assertThat(masker.mask("  db_passwd => \"secret42\", db_user => aegir"))
                .isEqualTo("  db_passwd => \"****\", db_user => aegir");
        assertThat(masker.mask("db_passwd => secret42, db_name => site"))
                .isEqualTo("db_passwd => ****, db_name => site");
        assertThat(masker.mask("Password => hunter22")).isEqualTo("Password => ****");
        // a drushrc line
        assertThat(masker.mask("$options['db_passwd'] = 'secret42';")).isEqualTo("$options['db_passwd'] = '****';");
        assertThat(masker.mask("$options[\"master_db_passwd\"] = \"secret42\";"))
                .isEqualTo("$options[\"master_db_passwd\"] = \"****\";");
        // JSON, as drush --backend returns its log and context
        assertThat(masker.mask("{\"db_passwd\":\"secret42\",\"db_user\":\"aegir\"}"))
                .isEqualTo("{\"db_passwd\":\"****\",\"db_user\":\"aegir\"}");
        assertThat(masker.mask(
                        "DRUSH_BACKEND_OUTPUT_START>>>{\"context\":{\"master_db\":\"mysql:\\/\\/aegir_root:secret42"
                                + "@localhost\",\"pass\":\"x1y2z3\"}}<<<DRUSH_BACKEND_OUTPUT_END"))
                .isEqualTo("DRUSH_BACKEND_OUTPUT_START>>>{\"context\":{\"master_db\":\"mysql:\\/\\/aegir_root:****"
                        + "@localhost\",\"pass\":\"****\"}}<<<DRUSH_BACKEND_OUTPUT_END");
        // a URL
        assertThat(masker.mask("  'master_db' => 'mysql://aegir_root:secret42@localhost',"))
                .isEqualTo("  'master_db' => 'mysql://aegir_root:****@localhost',");
        assertThat(masker.mask("Could not connect to mysqli://site_user:s3cr3t@db.example.com:3306/site"))
                .isEqualTo("Could not connect to mysqli://site_user:****@db.example.com:3306/site");
    }

    @Test
    void anArrowIsNeverTakenForTheSecret() {
        // before: "db_passwd => 'secret'" became "db_passwd =**** 'secret'": the arrow masked, the secret shown
        String masked = masker.mask("db_passwd => 'secret'");
        assertThat(masked).doesNotContain("secret'").contains("=>");
        assertThat(masker.mask("password='abc' db_pass = x9y8")).isEqualTo("password=**** db_pass = ****");
    }

    @Test
    void commandLineOptionsAndUrls() {
        assertThat(masker.mask("drush site-install --db-url=mysql://u:p4ss@h/db -y"))
                .isEqualTo("drush site-install --db-url=mysql://u:****@h/db -y");
        assertThat(masker.mask("mysql://user:p@ss@db.example.com:3306/x"))
                .isEqualTo("mysql://user:****@db.example.com:3306/x");
        assertThat(masker.mask("hostmaster-install --aegir_db_pass=t0ps3cret --client_email=me@example.com"))
                .isEqualTo("hostmaster-install --aegir_db_pass=**** --client_email=me@example.com");
        assertThat(masker.mask("connect password=abc123&user=x")).isEqualTo("connect password=****&user=x");
        assertThat(masker.mask("--db-passwd='two words'")).isEqualTo("--db-passwd=****");
        assertThat(masker.mask("MySQL Password: hunter2")).isEqualTo("MySQL Password: ****");
    }

    @Test
    void ordinaryLinesAreUntouched() {
        for (String line : new String[] {
            "Drush command terminated abnormally due to an unrecoverable error. [error]",
            "Migrating aegir.example.com to /var/aegir/hostmaster-6.x-1.0-rc3 [ok]",
            "http://ftp.drupal.org/files/projects/drush-7.x-4.4.tar.gz",
            "user@example.com",
            "",
            "'db_user' => 'aegir'",
            "$db_url = 'mysqli://localhost/db';"
        }) {
            assertThat(masker.mask(line)).isEqualTo(line);
        }
        assertThat(masker.mask(null)).isNull();
    }

    @Test
    void knownValuesAreMaskedAnywhere() {
        SecretMasker m = new SecretMasker(List.of("Zebra-123", "abc"));
        assertThat(m.mask("the password Zebra-123 was wrong (Zebra-123)"))
                .isEqualTo("the password **** was wrong (****)");
        assertThat(m.mask("abc stays: too short to mask safely")).isEqualTo("abc stays: too short to mask safely");
        assertThat(masker.with(List.of("Zebra-123")).mask("x Zebra-123")).isEqualTo("x ****");
    }
}
