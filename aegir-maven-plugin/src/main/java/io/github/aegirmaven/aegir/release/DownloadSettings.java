package io.github.aegirmaven.aegir.release;

import io.github.aegirmaven.aegir.core.BuildLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How {@link Downloader} reaches the network: Maven's offline flag, settings.xml proxies, the credentials of
 * the {@code serverId} server, retries and timeouts. Build one with {@link #builder}.
 *
 * @param offline Maven's {@code -o}: nothing is fetched over the network ({@code file:} URLs still work)
 * @param proxies settings.xml's active proxies, in order
 * @param credentials sent as HTTP Basic to the download host (never to another host, never logged)
 * @param retries how many times a failed attempt is repeated (connection errors, 5xx, 408, 429, truncated
 *     bodies); 4xx answers are not repeated
 * @param connectTimeout for opening a connection
 * @param readTimeout for each read: a server that sends nothing for this long fails the attempt
 * @param retryDelay the wait before the first retry; it doubles for each further one
 * @param progressInterval downloads running longer than this log a progress line at most this often (and at
 *     every quarter of the size)
 * @param log where progress, retries and warnings go
 * @param tls the trust for https; {@code null}: the JVM's default (tests inject their own)
 */
public record DownloadSettings(
        boolean offline,
        List<ProxySpec> proxies,
        Optional<Credentials> credentials,
        int retries,
        Duration connectTimeout,
        Duration readTimeout,
        Duration retryDelay,
        Duration progressInterval,
        BuildLog log,
        SSLContext tls) {

    public DownloadSettings {
        proxies = List.copyOf(proxies);
        Objects.requireNonNull(credentials, "credentials");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(log, "log");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: online, no proxy, no credentials, 3 retries, 30 s connect, 60 s read, 1 s first retry delay. */
    public static final class Builder {
        private boolean offline;
        private List<ProxySpec> proxies = new ArrayList<>();
        private Optional<Credentials> credentials = Optional.empty();
        private int retries = 3;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration retryDelay = Duration.ofSeconds(1);
        private Duration progressInterval = Duration.ofSeconds(5);
        private BuildLog log = BuildLog.NONE;
        private SSLContext tls;

        private Builder() {}

        public Builder offline(boolean value) {
            this.offline = value;
            return this;
        }

        public Builder proxies(List<ProxySpec> value) {
            this.proxies = new ArrayList<>(value);
            return this;
        }

        public Builder proxy(ProxySpec value) {
            this.proxies.add(value);
            return this;
        }

        public Builder credentials(Credentials value) {
            this.credentials = Optional.ofNullable(value);
            return this;
        }

        public Builder retries(int value) {
            this.retries = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            this.readTimeout = value;
            return this;
        }

        public Builder retryDelay(Duration value) {
            this.retryDelay = value;
            return this;
        }

        public Builder progressInterval(Duration value) {
            this.progressInterval = value;
            return this;
        }

        public Builder log(BuildLog value) {
            this.log = value;
            return this;
        }

        public Builder tls(SSLContext value) {
            this.tls = value;
            return this;
        }

        public DownloadSettings build() {
            return new DownloadSettings(
                    offline,
                    proxies,
                    credentials,
                    retries,
                    connectTimeout,
                    readTimeout,
                    retryDelay,
                    progressInterval,
                    log,
                    tls);
        }
    }
}
