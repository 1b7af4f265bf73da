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
    void commandLineOptionsAndUrls() {
        assertThat(masker.mask("drush site-install --db-url=mysql://u:p4ss@h/db -y"))
                .isEqualTo("drush site-install --db-url=mysql://u:****@h/db -y");
        assertThat(masker.mask("mysql://user:p@ss@db.example.com:3306/x")).isEqualTo("mysql://user:****@db.example.com:3306/x");
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
                "user@example.com", "", "'db_user' => 'aegir'", "$db_url = 'mysqli://localhost/db';"}) {
            assertThat(masker.mask(line)).isEqualTo(line);
        }
        assertThat(masker.mask(null)).isNull();
    }

    @Test
    void knownValuesAreMaskedAnywhere() {
        SecretMasker m = new SecretMasker(List.of("Zebra-123", "abc"));
        assertThat(m.mask("the password Zebra-123 was wrong (Zebra-123)")).isEqualTo("the password **** was wrong (****)");
        assertThat(m.mask("abc stays: too short to mask safely")).isEqualTo("abc stays: too short to mask safely");
        assertThat(masker.with(List.of("Zebra-123")).mask("x Zebra-123")).isEqualTo("x ****");
    }
}
