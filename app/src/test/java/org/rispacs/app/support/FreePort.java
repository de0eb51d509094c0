package org.rispacs.app.support;

import java.io.IOException;
import java.net.ServerSocket;

/** Ports for the servers a test starts: free on loopback when asked for. */
public final class FreePort {

    private FreePort() {
    }

    public static int next() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        }
    }
}
