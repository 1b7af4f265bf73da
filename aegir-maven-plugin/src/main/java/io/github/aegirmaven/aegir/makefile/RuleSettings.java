package io.github.aegirmaven.aegir.makefile;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The severity of every rule: the defaults, overridden by the user's settings. */
public final class RuleSettings {

    private final EnumMap<Rule, Severity> severities;

    private RuleSettings(EnumMap<Rule, Severity> severities) {
        this.severities = severities;
    }

    /** Every rule at its default severity. */
    public static RuleSettings defaults() {
        EnumMap<Rule, Severity> m = new EnumMap<>(Rule.class);
        for (Rule r : Rule.values()) {
            m.put(r, r.defaultSeverity());
        }
        return new RuleSettings(m);
    }

    public Severity severity(Rule rule) {
        return severities.get(rule);
    }

    /**
     * The defaults with the goals' two parameters applied: the {@code <rules>} map of the pom, then the
     * {@code aegir.makefile.rules} list.
     */
    public static RuleSettings fromParameters(Map<String, String> rules, String ruleList) throws UserFixableException {
        return defaults().with(rules, "<rules>").with(ruleList, Setting.RULE_LIST.property());
    }

    /**
     * These settings with {@code overrides} (rule id to {@code error}, {@code warning}, {@code info} or
     * {@code off}) applied; {@code source} names where they came from, for messages.
     */
    public RuleSettings with(Map<String, String> overrides, String source) throws UserFixableException {
        EnumMap<Rule, Severity> m = new EnumMap<>(severities);
        if (overrides != null) {
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                String id = e.getKey() == null ? "" : e.getKey().trim();
                Rule rule = Rule.byId(id);
                if (rule == null) {
                    throw new UserFixableException("Unknown rule '" + id + "' in " + source + ". Expected one of: "
                            + knownIds() + ". Fix the rule id.");
                }
                Severity sev = e.getValue() == null ? null : Severity.parse(e.getValue());
                if (sev == null) {
                    throw new UserFixableException("Rule '" + id + "' in " + source + " is set to '" + e.getValue()
                            + "'. Expected error, warning, info or off.");
                }
                m.put(rule, sev);
            }
        }
        return new RuleSettings(m);
    }

    /**
     * These settings with a comma-separated list such as {@code dev-version=error,unpinned-project=off}
     * applied (the form of the {@code aegir.makefile.rules} property).
     */
    public RuleSettings with(String spec, String source) throws UserFixableException {
        if (spec == null || spec.isBlank()) {
            return this;
        }
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new UserFixableException("'" + part.trim() + "' in " + source
                        + " is not rule-id=severity. Write it like dev-version=error,unpinned-project=off.");
            }
            m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return with(m, source);
    }

    private static String knownIds() {
        List<String> ids = new ArrayList<>();
        for (Rule r : Rule.values()) {
            ids.add(r.id());
        }
        return String.join(", ", ids);
    }
}
