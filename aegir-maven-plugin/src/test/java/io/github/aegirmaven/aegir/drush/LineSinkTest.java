package io.github.aegirmaven.aegir.drush;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSinkTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsLinesAcrossWritesAndStripsCarriageReturns() {
        List<String> lines = new ArrayList<>();
        LineSink sink = new LineSink(lines::add, false);
        sink.write(b("one\r\ntw"), 0, 7);
        sink.write(b("o\nthr\u00e9e"), 0, b("o\nthr\u00e9e").length);
        assertThat(lines).containsExactly("one", "two");
        sink.write('\n');
        sink.write(b("last without newline"), 0, 20);
        sink.close();
        assertThat(lines).containsExactly("one", "two", "thr\u00e9e", "last without newline");
    }

    @Test
    void interactivePromptsArePassedOnWithoutWaitingForTheNewline() {
        List<String> lines = new ArrayList<>();
        LineSink sink = new LineSink(lines::add, true);
        byte[] prompt = b("Do you really want to proceed with the upgrade? (y/n): ");
        sink.write(prompt, 0, prompt.length);
        assertThat(lines).containsExactly("Do you really want to proceed with the upgrade? (y/n): ");
        sink.write(b("ok\n"), 0, 3);
        sink.close();
        assertThat(lines).hasSize(2).endsWith("ok");
    }
}
