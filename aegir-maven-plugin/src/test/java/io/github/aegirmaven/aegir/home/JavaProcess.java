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
                entries.add(Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
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

    public static Path path(String s) {
        return Paths.get(s);
    }
}
