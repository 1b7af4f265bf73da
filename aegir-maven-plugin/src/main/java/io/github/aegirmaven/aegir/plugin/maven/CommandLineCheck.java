package io.github.aegirmaven.aegir.plugin.maven;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.CommandLineOverrides;
import io.github.aegirmaven.aegir.core.CommandLineOverrides.Kind;
import io.github.aegirmaven.aegir.core.CommandLineOverrides.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.Parameter;

/**
 * Gathers, for each parameter of this goal whose {@code aegir.*} property was given on the command line ({@code -D},
 * or {@code .mvn/maven.config}), what was typed and what the goal actually got, and hands them to
 * {@link CommandLineOverrides}, which says when the pom's configuration overrode the command line.
 */
public final class CommandLineCheck {

    private static final String PREFIX = "${aegir.";

    private CommandLineCheck() {}

    public static void run(MavenSession session, MojoExecution execution, Object mojo, Path basedir, BuildLog log)
            throws UserFixableException {
        if (session == null
                || execution == null
                || execution.getMojoDescriptor() == null
                || execution.getMojoDescriptor().getParameters() == null) {
            return;
        }
        Properties user = session.getUserProperties();
        Map<String, Setting> given = new TreeMap<>();
        for (Parameter p : execution.getMojoDescriptor().getParameters()) {
            String expression = p.getExpression();
            if (expression == null || !expression.startsWith(PREFIX) || !expression.endsWith("}")) {
                continue;
            }
            String property = expression.substring(2, expression.length() - 1);
            String typed = user.getProperty(property);
            if (typed == null) {
                continue;
            }
            Field field = field(mojo.getClass(), p.getName());
            if (field == null) {
                continue;
            }
            try {
                given.put(property, new Setting(p.getName(), kind(p), typed, field.get(mojo)));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("Cannot read parameter " + p.getName() + " of " + mojo.getClass(), e);
            }
        }
        CommandLineOverrides.check(
                CommandLineOverrides.find(given, basedir), !session.getRequest().isInteractiveMode(), log);
    }

    private static Kind kind(Parameter p) {
        if ("timeout".equals(p.getName())) {
            return Kind.DURATION;
        }
        String type = p.getType() == null ? "" : p.getType();
        switch (type) {
            case "java.io.File":
            case "java.nio.file.Path":
                return Kind.PATH;
            case "boolean":
            case "java.lang.Boolean":
                return Kind.FLAG;
            case "int":
            case "long":
            case "java.lang.Integer":
            case "java.lang.Long":
                return Kind.NUMBER;
            default:
                return Kind.TEXT;
        }
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // a parameter of a superclass
            }
        }
        return null;
    }
}
