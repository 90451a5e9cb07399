package io.cardstore.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on a loopback port in front of a server, for failures a real network has
 * and a stopped server does not: {@link #silence() silenced}, it keeps every connection
 * open and forwards nothing, as a blackholed node or a NAT that dropped its mapping does;
 * {@link #refuse() refusing}, it ends every connection at once, as a service that is down
 * does, and keeps its port.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final InetSocketAddress target;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final ExecutorService pumps = Executors.newCachedThreadPool(runnable -> {
		Thread thread = new Thread(runnable, "tcp-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean silenced;

	private volatile boolean refusing;

	/**
	 * Connections whose client has sent this text are silenced; {@code null} for none.
	 */
	private volatile @Nullable String silencedWhereClientSent;

	private TcpProxy(ServerSocket listener, InetSocketAddress target) {
		this.listener = listener;
		this.target = target;
		this.pumps.execute(this::accept);
	}

	/**
	 * A proxy on this loopback port (0 for any free one) to the server at this address.
	 */
	public static TcpProxy start(int port, InetSocketAddress target) {
		try {
			ServerSocket listener = new ServerSocket();
			listener.setReuseAddress(true);
			listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return new TcpProxy(listener, target);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on port " + port, ex);
		}
	}

	/**
	 * A proxy on this loopback port to the host and port of an endpoint such as
	 * {@code http://127.0.0.1:9324}.
	 */
	public static TcpProxy start(int port, URI endpoint) {
		return start(port, new InetSocketAddress(endpoint.getHost(), endpoint.getPort()));
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/** Forwards nothing more in either direction, and keeps every connection open. */
	public void silence() {
		this.silenced = true;
	}

	/**
	 * Forwards nothing more, in either direction, on the connections whose client has
	 * sent this text (such as {@code SUBSCRIBE}, for Redis's pub/sub connections), now or
	 * later; keeps them open, and serves the others as before.
	 */
	public void silenceWhereClientSent(String text) {
		this.silencedWhereClientSent = text;
	}

	/**
	 * Ends every connection, and each new one as soon as it is made, as a server that is
	 * down behind a load balancer would; the port stays this proxy's, so nothing else can
	 * take it.
	 */
	public void refuse() {
		this.refusing = true;
		this.sockets.forEach(TcpProxy::closeQuietly);
	}

	/** Forwards again what arrives from now on. */
	public void resume() {
		this.refusing = false;
		this.silenced = false;
		this.silencedWhereClientSent = null;
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				if (this.refusing) {
					closeQuietly(client);
					continue;
				}
				Socket server = new Socket(this.target.getAddress(), this.target.getPort());
				this.sockets.add(client);
				this.sockets.add(server);
				Link link = new Link();
				this.pumps.execute(() -> pump(client, server, link, true));
				this.pumps.execute(() -> pump(server, client, link, false));
			}
			catch (IOException ex) {
				// Closed, or the target refused: the client's connection ends, as it
				// would have.
			}
		}
	}

	private void pump(Socket from, Socket to, Link link, boolean fromClient) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				if (fromClient) {
					link.clientSent(buffer, read);
				}
				if (!this.silenced && !link.sent(this.silencedWhereClientSent)) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
		}
		catch (IOException ex) {
			// One side went away: the other is closed below.
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	/**
	 * What the client of one connection has sent, as far as telling connections apart
	 * needs.
	 */
	private static final class Link {

		private final StringBuffer clientSent = new StringBuffer();

		void clientSent(byte[] bytes, int length) {
			if (this.clientSent.length() < 64 * 1024) {
				this.clientSent.append(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
			}
		}

		boolean sent(@Nullable String text) {
			return text != null && this.clientSent.indexOf(text) >= 0;
		}

	}

	/** Stops listening and ends every connection. */
	@Override
	public void close() {
		closeQuietly(this.listener);
		this.sockets.forEach(TcpProxy::closeQuietly);
		this.pumps.shutdownNow();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Already closed.
		}
	}

}
