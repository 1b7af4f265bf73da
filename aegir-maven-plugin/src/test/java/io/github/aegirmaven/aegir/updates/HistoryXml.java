package io.github.aegirmaven.aegir.updates;

import java.util.ArrayList;
import java.util.List;

/** Builds release-history XML in drupal.org's format from a short description; for tests. */
final class HistoryXml {

    private final String project;
    private final String core;
    private String type = "Modules";
    private String status = "published";
    private String recommended;
    private String supported;
    private String baseUrl = "http://127.0.0.1:1/files/projects/";
    private final List<String> releases = new ArrayList<>();

    HistoryXml(String project, String core) {
        this.project = project;
        this.core = core;
    }

    HistoryXml type(String term) {
        this.type = term;
        return this;
    }

    HistoryXml status(String projectStatus) {
        this.status = projectStatus;
        return this;
    }

    HistoryXml majors(String recommendedMajor, String supportedMajors) {
        this.recommended = recommendedMajor;
        this.supported = supportedMajors;
        return this;
    }

    HistoryXml files(String url) {
        this.baseUrl = url;
        return this;
    }

    /** A release {@code key} ({@code 2.16}, {@code 2.x-dev}, {@code 2.13-beta1}); newest first, as on drupal.org. */
    HistoryXml full(String key, String md5, String releaseStatus, String... releaseTypes) {
        String[] majorRest = key.split("\\.", 2);
        String rest = majorRest[1];
        String patch = rest.contains("-") ? rest.substring(0, rest.indexOf('-')) : rest;
        String extra = rest.contains("-") ? rest.substring(rest.indexOf('-') + 1) : null;
        String version = core.equals("6.x") && "Drupal core".equals(type) ? key : core + "-" + key;
        StringBuilder r = new StringBuilder("<release><name>" + project + " " + version + "</name>");
        r.append("<version>").append(version).append("</version>");
        r.append("<version_major>").append(majorRest[0]).append("</version_major>");
        if (!patch.equals("x")) {
            r.append("<version_patch>").append(patch).append("</version_patch>");
        }
        if (extra != null) {
            r.append("<version_extra>").append(extra).append("</version_extra>");
        }
        r.append("<status>").append(releaseStatus).append("</status>");
        r.append("<download_link>")
                .append(baseUrl)
                .append(project)
                .append('-')
                .append(version)
                .append(".tar.gz</download_link>");
        if (md5 != null) {
            r.append("<mdhash>").append(md5).append("</mdhash>");
        }
        r.append("<terms>");
        for (String t : releaseTypes) {
            r.append("<term><name>Release type</name><value>").append(t).append("</value></term>");
        }
        r.append("</terms></release>");
        releases.add(r.toString());
        return this;
    }

    HistoryXml release(String key, String... releaseTypes) {
        return full(key, null, "published", releaseTypes);
    }

    String xml() {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.append("<project xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><title>")
                .append(project)
                .append(" title</title><short_name>")
                .append(project)
                .append("</short_name><dc:creator>someone</dc:creator><api_version>")
                .append(core)
                .append("</api_version>");
        if (recommended != null) {
            x.append("<recommended_major>").append(recommended).append("</recommended_major>");
        }
        if (supported != null) {
            x.append("<supported_majors>").append(supported).append("</supported_majors>");
        }
        x.append("<project_status>").append(status).append("</project_status>");
        x.append("<terms><term><name>Projects</name><value>").append(type).append("</value></term></terms>");
        x.append("<releases>").append(String.join("\n", releases)).append("</releases></project>\n");
        return x.toString();
    }

    ReleaseHistory parse() throws Exception {
        return ReleaseHistoryParser.parse(xml().getBytes(java.nio.charset.StandardCharsets.UTF_8), project, "test");
    }
}
