package io.github.aegirmaven.aegir.makefile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects findings at the configured severities, dropping rules turned off and exact repeats. */
final class Findings {

    private final RuleSettings settings;
    private final List<Finding> list = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();

    Findings(RuleSettings settings) {
        this.settings = settings;
    }

    void add(Rule rule, Origin origin, String message) {
        Severity sev = settings.severity(rule);
        if (sev == Severity.OFF) {
            return;
        }
        Finding f = new Finding(rule, sev, origin, message);
        if (seen.add(f.toString())) {
            list.add(f);
        }
    }

    /** An empty collector with the same settings, for findings that may be thrown away. */
    Findings scratch() {
        return new Findings(settings);
    }

    void addAll(Findings other) {
        for (Finding f : other.list) {
            if (seen.add(f.toString())) {
                list.add(f);
            }
        }
    }

    List<Finding> list() {
        return list;
    }
}
