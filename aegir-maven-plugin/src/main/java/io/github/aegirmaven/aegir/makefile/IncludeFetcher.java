package io.github.aegirmaven.aegir.makefile;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.net.URI;

/** Fetches a make file named by URL in {@code includes[]}. */
public interface IncludeFetcher {

    /**
     * The text at {@code uri}. A problem the user can fix (HTTP error status, unknown host, offline
     * mode) is a {@link UserFixableException} whose message names the URL; the validator reports it at
     * the includes[] line.
     */
    String fetch(URI uri) throws IOException, UserFixableException;

    /** A fetcher for builds that must not use the network: every URL is refused. */
    IncludeFetcher NONE = uri -> {
        throw new UserFixableException("cannot fetch " + uri + ": no download is configured for make file"
                + " includes. Download it next to the make file and include it by relative path.");
    };
}
