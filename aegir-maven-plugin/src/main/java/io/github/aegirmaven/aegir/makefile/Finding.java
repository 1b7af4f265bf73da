package io.github.aegirmaven.aegir.makefile;

/** One reported problem, at a file and line, under a rule and its effective severity. */
public record Finding(Rule rule, Severity severity, Origin origin, String message) {

    /** Compiler style: {@code path:line: error: message [rule-id]}. */
    @Override
    public String toString() {
        return origin + ": " + severity.label() + ": " + message + " [" + rule.id() + "]";
    }
}
