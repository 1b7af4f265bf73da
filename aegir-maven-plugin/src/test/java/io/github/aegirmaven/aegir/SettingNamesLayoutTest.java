package io.github.aegirmaven.aegir;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.plugin.maven.SettingNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The names users type ({@code aegir.*} properties) belong to the plugin layer; the logic speaks of settings. */
class SettingNamesLayoutTest {

    private static final Path SOURCES = Paths.get("src/main/java/io/github/aegirmaven/aegir");

    /** A string literal in Java source (text blocks aside). */
    private static final Pattern LITERAL = Pattern.compile("\"(?:\\\\.|[^\"\\\\\\n])*\"");

    @Test
    void noMavenFreeSourceHoldsAPropertyName() throws IOException {
        SettingNames.install();
        List<String> properties = new ArrayList<>();
        for (Setting s : Setting.values()) {
            properties.add(s.property());
        }
        Pattern property = Pattern.compile("(?<![\\w.])("
                + String.join("|", properties.stream().map(Pattern::quote).toList()) + ")(?![\\w.])");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !SOURCES.relativize(f).startsWith("plugin"))
                    .toList()) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).strip();
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                        continue; // documentation may name what users type
                    }
                    Matcher literal = LITERAL.matcher(lines.get(i));
                    while (literal.find()) {
                        String text = literal.group();
                        if (property.matcher(text).find()) {
                            offenders.add(SOURCES.relativize(p) + ":" + (i + 1) + ": " + text);
                        }
                    }
                }
            }
        }
        assertThat(offenders)
                .as("aegir.* property names in the Maven-free packages")
                .isEmpty();
    }

    @Test
    void theScanWouldSeeOne() {
        SettingNames.install();
        assertThat(Setting.DOWNLOAD_URL.toString()).isEqualTo("downloadUrl (-Daegir.downloadUrl)");
        assertThat(LITERAL.matcher("x(\"see -Daegir.php\")").find()).isTrue();
    }
}
