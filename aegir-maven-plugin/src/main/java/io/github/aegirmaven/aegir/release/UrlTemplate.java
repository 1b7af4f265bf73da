package io.github.aegirmaven.aegir.release;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a release's archive is downloaded from: a URL with {@code {project}} and {@code {version}}
 * placeholders (the {@code downloadUrl} parameter). http, https and {@code file:} URLs are accepted, so a
 * mirror or a local directory works as well as drupal.org.
 */
public final class UrlTemplate {

    /** drupal.org's packaging server. */
    public static final String DEFAULT = "https://ftp.drupal.org/files/projects/{project}-{version}.tar.gz";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");
    private static final Set<String> SCHEMES = Set.of("http", "https", "file");

    private final String template;

    private UrlTemplate(String template) {
        this.template = template;
    }

    /**
     * Checks a template.
     *
     * @throws UserFixableException naming the {@code downloadUrl} parameter, what is wrong and an example
     */
    public static UrlTemplate parse(String template) throws UserFixableException {
        if (template == null || template.isBlank()) {
            throw problem(template, "it is empty");
        }
        if (!template.equals(template.strip()) || template.chars().anyMatch(Character::isWhitespace)) {
            throw problem(template, "it contains spaces (encode them as %20)");
        }
        checkPlaceholders(template);
        UrlTemplate parsed = new UrlTemplate(template);
        URI sample;
        try {
            sample = new URI(parsed.expand("drush", "7.x-4.4"));
        } catch (URISyntaxException e) {
            throw problem(template, "it is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = sample.getScheme() == null ? null : sample.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || !SCHEMES.contains(scheme)) {
            throw problem(
                    template,
                    scheme == null
                            ? "it has no scheme (http:, https: or file:)"
                            : "its scheme \"" + sample.getScheme()
                                    + ":\" is not supported; use http:, https: or file:");
        }
        if (sample.isOpaque()) {
            throw problem(
                    template,
                    scheme.equals("file")
                            ? "a file: URL needs an absolute path, e.g. file:///srv/mirror/..."
                            : "it has no // after \"" + scheme + ":\"");
        }
        if (sample.getRawUserInfo() != null) {
            throw problem(
                    template,
                    "it contains a user name or password; put credentials in a <server> of"
                            + " settings.xml and name it with the serverId parameter instead");
        }
        if (scheme.equals("file")) {
            if (sample.getPath() == null || !sample.getPath().startsWith("/")) {
                throw problem(template, "a file: URL needs an absolute path, e.g. file:///srv/mirror/...");
            }
        } else if (sample.getHost() == null) {
            throw problem(template, "it has no host name");
        }
        return parsed;
    }

    /** Only {@code {project}} and {@code {version}}, and both of them. */
    private static void checkPlaceholders(String template) throws UserFixableException {
        Set<String> unknown = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!m.group(1).equals("project") && !m.group(1).equals("version")) {
                unknown.add("{" + m.group(1) + "}");
            }
        }
        if (!unknown.isEmpty()) {
            throw problem(
                    template,
                    "it has the unknown placeholder(s) " + String.join(", ", unknown)
                            + "; only {project} and {version} are replaced");
        }
        boolean hasProject = template.contains("{project}");
        boolean hasVersion = template.contains("{version}");
        if (!hasProject || !hasVersion) {
            String missing =
                    !hasProject && !hasVersion ? "{project} and {version}" : !hasProject ? "{project}" : "{version}";
            throw problem(template, "it has no " + missing + " placeholder, so every release would get the same URL");
        }
    }

    private static UserFixableException problem(String template, String what) {
        return new UserFixableException("Parameter " + Setting.DOWNLOAD_URL + " is "
                + (template == null ? "not set" : "\"" + redact(template) + "\"") + ", but " + what
                + ". Expected a URL with {project} and {version} placeholders, such as the default " + DEFAULT
                + " or file:///srv/mirror/{project}-{version}.tar.gz. Fix <downloadUrl> in the pom or the"
                + " " + Setting.DOWNLOAD_URL.flag() + " value.");
    }

    /** Hides a user name and password written into the URL. */
    private static String redact(String template) {
        return template.replaceAll("//[^/@]*@", "//****@");
    }

    private String expand(String project, String version) {
        return template.replace("{project}", project).replace("{version}", version);
    }

    /**
     * The release's URL. Project names and versions are URL-safe ({@link Release} checks them), so they are
     * inserted as they are.
     */
    public URI resolve(Release release) {
        return URI.create(expand(release.project(), release.version()));
    }

    /** The template as given. */
    public String template() {
        return template;
    }

    @Override
    public String toString() {
        return template;
    }
}
