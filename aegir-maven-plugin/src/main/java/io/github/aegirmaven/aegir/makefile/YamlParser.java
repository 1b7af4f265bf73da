package io.github.aegirmaven.aegir.makefile;

import java.io.StringReader;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML make file ({@code .make.yml}) into drush's array, with the line of every value.
 *
 * <p>drush 7/8 use Symfony's YAML parser; plain scalars are resolved as it does: {@code ~}, {@code null}
 * and nothing are null, {@code true}/{@code false} booleans, integers and other numbers numbers, everything
 * else a string. So an unquoted {@code version: 3.10} is the number 3.1, which is reported.
 */
final class YamlParser {

    /** A YAML syntax error, with the line it was found on (0 when unknown). */
    static final class SyntaxError extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;

        SyntaxError(String message, int line) {
            super(message);
            this.line = line;
        }
    }

    private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern OCTAL = Pattern.compile("0[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final int MAX_DEPTH = 64;

    private YamlParser() {}

    /**
     * The parsed document: a {@link PhpArray} for a mapping or sequence, a scalar otherwise ({@code null}
     * for an empty document).
     */
    static Object parse(String file, String text, Findings findings) throws SyntaxError {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setAllowDuplicateKeys(true);
        options.setMaxAliasesForCollections(200);
        options.setNestingDepthLimit(MAX_DEPTH);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? e.getContext() + ": " : "";
            throw new SyntaxError(context + problem, mark == null ? 0 : mark.getLine() + 1);
        } catch (YAMLException e) {
            throw new SyntaxError(String.valueOf(e.getMessage()), 0);
        }
        if (root == null) {
            return null;
        }
        return convert(file, root, findings, 0);
    }

    private static Object convert(String file, Node node, Findings findings, int depth) throws SyntaxError {
        if (depth > MAX_DEPTH) {
            throw new SyntaxError("nested deeper than " + MAX_DEPTH + " levels (a recursive alias?)", line(node));
        }
        if (node instanceof ScalarNode) {
            return scalar(file, (ScalarNode) node, findings);
        }
        PhpArray array = new PhpArray();
        if (node instanceof SequenceNode) {
            for (Node item : ((SequenceNode) node).getValue()) {
                array.put(array.nextIndex(), convert(file, item, findings, depth + 1), new Origin(file, line(item)));
            }
        } else if (node instanceof MappingNode) {
            List<NodeTuple> tuples = ((MappingNode) node).getValue();
            for (NodeTuple t : tuples) {
                Node keyNode = t.getKeyNode();
                if (!(keyNode instanceof ScalarNode)) {
                    throw new SyntaxError("a mapping key that is not a plain value", line(keyNode));
                }
                String key = ((ScalarNode) keyNode).getValue();
                Origin origin = new Origin(file, line(keyNode));
                if (array.containsKey(key) && findings != null) {
                    findings.add(
                            Rule.OVERRIDDEN_VALUE,
                            origin,
                            "the key " + key + " appears twice in this mapping"
                                    + " (first on line " + array.origin(key).line()
                                    + "); drush keeps only the last. Merge"
                                    + " the two.");
                }
                array.put(key, convert(file, t.getValueNode(), findings, depth + 1), origin);
            }
        }
        return array;
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static Object scalar(String file, ScalarNode node, Findings findings) {
        String text = node.getValue();
        if (!node.isPlain()) {
            return text;
        }
        Object value = resolve(text);
        if ((value instanceof Double || value instanceof Long)
                && findings != null
                && !Php.toPhpString(value).equals(text)) {
            findings.add(
                    Rule.YAML_NUMBER,
                    new Origin(file, line(node)),
                    "\"" + text + "\" is unquoted, so YAML"
                            + " reads it as a number and drush uses \"" + Php.toPhpString(value)
                            + "\" instead. Quote it: \""
                            + text + "\".");
        }
        return value;
    }

    /** Symfony YAML's resolution of a plain scalar. */
    static Object resolve(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (text.isEmpty() || text.equals("~") || lower.equals("null")) {
            return null;
        }
        if (lower.equals("true")) {
            return Boolean.TRUE;
        }
        if (lower.equals("false")) {
            return Boolean.FALSE;
        }
        try {
            if (OCTAL.matcher(text).matches()) {
                return Long.parseLong(text.substring(1), 8);
            }
            if (HEX.matcher(text).matches()) {
                return Long.parseLong(text.substring(2), 16);
            }
            if (INTEGER.matcher(text).matches()) {
                return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            }
        } catch (NumberFormatException tooBig) {
            return Double.parseDouble(text);
        }
        if (lower.equals(".inf") || lower.equals("+.inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("-.inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (Php.isNumeric(text) && text.equals(text.trim())) {
            return Double.parseDouble(text);
        }
        return text;
    }
}
