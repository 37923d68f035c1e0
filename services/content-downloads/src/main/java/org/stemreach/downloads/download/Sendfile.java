package org.stemreach.downloads.download;

import jakarta.servlet.http.HttpServletRequest;

import java.nio.file.Path;

/**
 * Zero-copy serving: a file region handed to the servlet container, which sends it from the page cache straight
 * to the socket once the handler has returned (Tomcat's NIO connector, the same {@code sendfile} nginx uses).
 * Only where the connector says it can (not over TLS terminated in Tomcat, not in a mock request); otherwise the
 * caller writes the bytes itself.
 */
final class Sendfile {

    static final String SUPPORTED = "org.apache.tomcat.sendfile.support";
    static final String FILENAME = "org.apache.tomcat.sendfile.filename";
    static final String START = "org.apache.tomcat.sendfile.start";
    static final String END = "org.apache.tomcat.sendfile.end";

    private Sendfile() {
    }

    /** Offers {@code length} bytes of {@code file} from {@code first} on; false when the container cannot take them. */
    static boolean offer(HttpServletRequest request, Path file, long first, long length) {
        if (!Boolean.TRUE.equals(request.getAttribute(SUPPORTED))) {
            return false;
        }
        request.setAttribute(FILENAME, file.toAbsolutePath().toString());
        request.setAttribute(START, first);
        request.setAttribute(END, first + length);
        return true;
    }
}
