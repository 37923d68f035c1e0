package org.stemreach.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * A request body read no further than a limit: past it, the read throws the exception {@code tooLarge} makes (the
 * gateway's and the services' body limits, for bodies whose length is not declared).
 */
public final class LimitedServletInputStream extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private final Supplier<? extends IOException> tooLarge;
    private long read;

    public LimitedServletInputStream(ServletInputStream in, long limit, Supplier<? extends IOException> tooLarge) {
        this.in = in;
        this.limit = limit;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws IOException {
        read += n;
        if (read > limit) {
            throw tooLarge.get();
        }
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }
}
