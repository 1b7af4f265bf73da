package io.github.aegirmaven.aegir.home;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Starts a second, real JVM running a test main class on this test's class path. Test support. */
public final class JavaProcess {

    private JavaProcess() {}

    /** The class path entries holding the given classes (test classes, main classes, jars). */
    public static String classpath(Class<?>... classes) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            try {
                entries.add(Paths.get(c.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    public static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -cp <classpath of main and the plugin's classes> main args...}. */
    public static List<String> command(Class<?> main, List<Class<?>> more, String... args) {
        List<Class<?>> all = new ArrayList<>();
        all.add(main);
        all.add(AegirHome.class);
        all.addAll(more);
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.add("-Xshare:auto");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(classpath(all.toArray(new Class<?>[0])));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    public static ProcessBuilder builder(Class<?> main, List<Class<?>> more, String... args) {
        return new ProcessBuilder(command(main, more, args)).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    /**
     * Like {@link #command}, but for a JVM run by another (unprivileged) user through {@code su}: the class
     * path entries (under root's unreadable ~/.m2, or in a 0700 build directory) are copied into {@code copyTo},
     * which must be readable by that user.
     */
    public static List<String> commandAs(String user, Path copyTo, Class<?> main, List<Class<?>> more, String... args)
            throws java.io.IOException {
        List<String> cmd = command(main, more, args);
        int cp = cmd.indexOf("-cp") + 1;
        List<String> copied = new ArrayList<>();
        int i = 0;
        for (String entry : cmd.get(cp).split(File.pathSeparator)) {
            Path from = Paths.get(entry);
            Path to = copyTo.resolve((i++) + "-" + from.getFileName());
            if (java.nio.file.Files.isDirectory(from)) {
                try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(from)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        Path target = to.resolve(from.relativize(p).toString());
                        if (java.nio.file.Files.isDirectory(p)) {
                            java.nio.file.Files.createDirectories(target);
                        } else {
                            java.nio.file.Files.copy(p, target);
                        }
                    }
                }
            } else {
                java.nio.file.Files.copy(from, to);
            }
            copied.add(to.toString());
        }
        cmd.set(cp, String.join(File.pathSeparator, copied));
        List<String> su =
                new ArrayList<>(List.of("su", "-s", "/bin/sh", "-c", "cd /tmp && exec \"$@\"", "--", user, "sh"));
        su.addAll(cmd);
        return su;
    }

    public static Path path(String s) {
        return Paths.get(s);
    }
}
