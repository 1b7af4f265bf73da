package io.github.aegirmaven.aegir.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs programs with an argv list (no shell), collecting their output, with a timeout. */
public final class Processes {

    /** What a finished (or killed) program left. */
    public record Result(
            List<String> command, int exitCode, String stdout, String stderr, boolean timedOut, Duration elapsed) {

        /** stdout then stderr. */
        public String output() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "command " + command + " exited " + exitCode + (timedOut ? " (killed after timeout)" : "") + " in "
                    + elapsed.toMillis() + " ms\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    private Processes() {}

    /**
     * Runs {@code command}.
     *
     * @param workingDirectory where it runs, or null for the current directory
     * @param environment      variables to set (on top of this process's environment), or null
     * @param stdin            text written to its standard input before it is closed; null closes it at once
     * @param timeout          how long to wait before killing it and all its descendants
     */
    public static Result run(
            List<String> command,
            Path workingDirectory,
            Map<String, String> environment,
            String stdin,
            Duration timeout)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        if (environment != null) {
            builder.environment().putAll(environment);
        }
        long start = System.nanoTime();
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = pump(process.getInputStream(), out);
        Thread errPump = pump(process.getErrorStream(), err);
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the program closed its input early: that is its business
        }
        boolean timedOut = false;
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            outPump.join(10_000);
            errPump.join(10_000);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + command, e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int code = process.isAlive() ? -1 : process.exitValue();
        return new Result(
                List.copyOf(command),
                code,
                out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8),
                timedOut,
                elapsed);
    }

    /** Runs {@code command} for at most a minute; fails unless it exits 0. */
    public static String check(List<String> command) throws IOException {
        Result result = run(command, null, null, null, Duration.ofMinutes(1));
        if (result.exitCode() != 0) {
            throw new IOException("Command failed: " + result);
        }
        return result.stdout();
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread thread = new Thread(
                () -> {
                    try (in) {
                        in.transferTo(new OutputStream() {
                            @Override
                            public void write(int b) {
                                synchronized (sink) {
                                    sink.write(b);
                                }
                            }

                            @Override
                            public void write(byte[] b, int off, int len) {
                                synchronized (sink) {
                                    sink.write(b, off, len);
                                }
                            }
                        });
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                "process-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
