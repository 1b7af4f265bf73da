package io.github.aegirmaven.aegir.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadAheadInputStreamTest {

    @Test
    void deliversExactlyTheSourceBytes() throws IOException {
        byte[] large = new byte[1_000_003];
        new Random(5).nextBytes(large);
        byte[] small = java.util.Arrays.copyOf(large, 5003);
        for (int chunk : new int[] {1, 7, 4096, 2_000_000}) {
            byte[] data = chunk < 100 ? small : large; // tiny chunks: one thread hand-off per chunk
            try (ReadAheadInputStream in = new ReadAheadInputStream(new ByteArrayInputStream(data), chunk, 3, "test")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[1000];
                int n;
                while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                    out.write(buffer, 0, n);
                }
                assertThat(out.toByteArray()).isEqualTo(data);
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void singleByteReadsAndEmptySource() throws IOException {
        try (ReadAheadInputStream in =
                new ReadAheadInputStream(new ByteArrayInputStream(new byte[] {1, (byte) 200}), 8, 2, "t")) {
            assertThat(in.read()).isEqualTo(1);
            assertThat(in.read()).isEqualTo(200);
            assertThat(in.read()).isEqualTo(-1);
        }
        try (ReadAheadInputStream in = new ReadAheadInputStream(InputStream.nullInputStream(), 8, 2, "t")) {
            assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
        }
    }

    @Test
    void sourceFailureReachesTheReaderAfterTheGoodBytes() throws IOException {
        InputStream failing = new InputStream() {
            int left = 100;

            @Override
            public int read() throws IOException {
                if (left-- > 0) {
                    return 'x';
                }
                throw new java.util.zip.ZipException("invalid stored block lengths");
            }
        };
        try (ReadAheadInputStream in = new ReadAheadInputStream(failing, 64, 2, "t")) {
            byte[] buffer = new byte[1000];
            int total = 0;
            int n;
            try {
                while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
                    total += n;
                }
            } catch (java.util.zip.ZipException expected) {
                assertThat(expected).hasMessage("invalid stored block lengths");
            }
            assertThat(total).isEqualTo(64); // the full chunk; the partial one is lost with the failure
        }
    }

    @Test
    void closeStopsTheThreadEvenWhenTheReaderStopsEarly() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return len;
            }
        };
        ReadAheadInputStream in = new ReadAheadInputStream(endless, 1024, 2, "read-ahead-close-test");
        assertThat(in.read()).isZero();
        in.close();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals("read-ahead-close-test"));
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }
}
