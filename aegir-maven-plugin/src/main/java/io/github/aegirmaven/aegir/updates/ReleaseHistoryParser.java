package io.github.aegirmaven.aegir.updates;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Reads drupal.org's release-history XML into a {@link ReleaseHistory}; no DTDs, no external entities. */
public final class ReleaseHistoryParser {

    private ReleaseHistoryParser() {}

    /**
     * @param source where the XML came from (a URL or cached file), for messages
     * @throws UserFixableException when it is not XML, or has no {@code <title>} (drupal.org answers
     *     {@code <error>No release history was found …</error>} for an unknown project): what drush make reports as
     *     "Could not retrieve version information"
     */
    public static ReleaseHistory parse(byte[] xml, String project, String source) throws UserFixableException {
        Document doc = document(xml, project, source);
        Element root = doc.getDocumentElement();
        String title = text(root, "title");
        if (!"project".equals(root.getTagName()) || title.isEmpty()) {
            String error =
                    "error".equals(root.getTagName()) ? root.getTextContent().trim() : "";
            throw new UserFixableException("Could not retrieve version information for " + project + " from " + source
                    + ": expected a <project> with a <title>, found "
                    + (error.isEmpty() ? "<" + root.getTagName() + ">" : "the answer \"" + error + "\"")
                    + ". Check the project's name in the make file, its core, and " + Setting.UPDATE_URL + ".");
        }
        List<ReleaseHistory.Entry> releases = releases(root);
        String recommended = text(root, "recommended_major");
        String supported = text(root, "supported_majors");
        return new ReleaseHistory(
                text(root, "short_name").isEmpty() ? project : text(root, "short_name"),
                title,
                terms(root, null),
                recommended.isEmpty() ? Optional.empty() : Optional.of(recommended),
                supported.isEmpty()
                        ? List.of()
                        : Arrays.stream(supported.split(",")).map(String::trim).toList(),
                text(root, "project_status"),
                releases);
    }

    private static Document document(byte[] xml, String project, String source) throws UserFixableException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("No usable XML parser in this Java runtime", e);
        } catch (SAXException | IOException e) {
            throw new UserFixableException("The release history of " + project + " from " + source
                    + " is not XML (" + e.getMessage() + "). Expected drupal.org's release-history format. Check"
                    + " " + Setting.UPDATE_URL + ": it must point at a release-history service such as"
                    + " https://updates.drupal.org/release-history.");
        }
    }

    private static List<ReleaseHistory.Entry> releases(Element root) {
        List<ReleaseHistory.Entry> releases = new ArrayList<>();
        Element list = child(root, "releases");
        if (list != null) {
            for (Element r : children(list, "release")) {
                Element patch = child(r, "version_patch");
                String extra = text(r, "version_extra");
                releases.add(new ReleaseHistory.Entry(
                        text(r, "version"),
                        text(r, "version_major"),
                        patch == null
                                ? Optional.empty()
                                : Optional.of(patch.getTextContent().trim()),
                        extra.isEmpty() ? Optional.empty() : Optional.of(extra),
                        text(r, "status"),
                        text(r, "download_link"),
                        text(r, "mdhash"),
                        terms(r, "Release type")));
            }
        }
        return releases;
    }

    private static List<String> terms(Element parent, String name) {
        List<String> values = new ArrayList<>();
        Element terms = child(parent, "terms");
        if (terms != null) {
            for (Element term : children(terms, "term")) {
                if (name == null || name.equals(text(term, "name"))) {
                    values.add(text(term, "value"));
                }
            }
        }
        return values;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                result.add(e);
            }
        }
        return result;
    }
}
