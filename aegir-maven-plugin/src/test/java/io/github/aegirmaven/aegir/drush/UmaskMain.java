package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.home.AegirHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Run by {@link DrushRunnerTest} in a JVM started under umask 077: reports the mode of a file this JVM
 * creates, then runs the stand-in drush (which creates a file and a directory) through the runner.
 * Arguments: home, aegir user, working directory.
 */
public final class UmaskMain {

    public static void main(String[] args) throws Exception {
        AegirHome home = AegirHome.at(Paths.get(args[0]));
        Path mine = Files.createTempFile(Paths.get(args[2]), "jvm-", ".txt");
        System.out.println("JVM-FILE-MODE=" + PosixFilePermissions.toString(Files.getPosixFilePermissions(mine)));
        Files.delete(mine);
        DrushResult r = new DrushRunner(new StdoutLog())
                .run(DrushInvocation.builder(home)
                        .aegirUser(args[1])
                        .workingDirectory(Paths.get(args[2]))
                        .build());
        System.out.println("EXIT=" + r.exitCode());
    }
}
