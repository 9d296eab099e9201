package org.patchpipe.ingest.imap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * A loopback TCP proxy in front of a test IMAP server, so a test can cut live connections the way
 * a network does: all at once, or after the server has sent a number of bytes (mid-fetch). The
 * target port is asked for on each new connection, so the server may move across a restart.
 */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final IntSupplier targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicLong cutAfterServerBytes = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong serverBytes = new AtomicLong();
  private volatile boolean refusing;
  private volatile boolean stalled;

  TcpProxy(IntSupplier targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** While refusing, new connections are closed at once (a server that is down). */
  void refuse(boolean refuse) {
    this.refusing = refuse;
  }

  /** While stalled, bytes in both directions are swallowed: a server that stopped answering. */
  void stall(boolean stall) {
    this.stalled = stall;
  }

  /** Closes every open connection now. */
  void cutAll() {
    for (Socket s : open) closeQuietly(s);
    open.clear();
  }

  /** Cuts every connection once the server has sent {@code bytes} more bytes through the proxy. */
  void cutAfterServerBytes(long bytes) {
    cutAfterServerBytes.set(serverBytes.get() + bytes);
  }

  /** Bytes sent by the server so far. */
  long serverBytes() {
    return serverBytes.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (refusing) {
          closeQuietly(client);
          continue;
        }
        Socket server;
        try {
          server = new Socket(InetAddress.getLoopbackAddress(), targetPort.getAsInt());
        } catch (IOException down) {
          closeQuietly(client);
          continue;
        }
        open.add(client);
        open.add(server);
        pump(client, server, false);
        pump(server, client, true);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromServer) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[8192];
              try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                  if (stalled) continue;
                  if (fromServer) {
                    long total = serverBytes.addAndGet(n);
                    if (total >= cutAfterServerBytes.get()) {
                      cutAfterServerBytes.set(Long.MAX_VALUE);
                      out.write(buf, 0, n / 2); // half a packet: the client sees a torn response
                      cutAll();
                      return;
                    }
                  }
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException closed) {
                // One side went away: close the other.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    cutAll();
  }
}
