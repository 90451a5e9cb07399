package io.cardstore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checks that a server listens on the loopback address only, not on the machine's
 * network.
 */
public final class ListeningSockets {

	/** 127.0.0.1, ::1 and ::ffff:127.0.0.1, as the kernel's table writes them. */
	private static final List<String> LOOPBACK = List.of("0100007F", "00000000000000000000000001000000",
			"0000000000000000FFFF00000100007F");

	private ListeningSockets() {
	}

	/**
	 * Asserts that whatever listens on the port listens on loopback only: from the
	 * kernel's table of sockets where there is one (Linux), by connecting to the
	 * machine's network address otherwise.
	 */
	public static void assertLoopbackOnly(int port) {
		Path ipv4 = Path.of("/proc/net/tcp");
		if (Files.isReadable(ipv4)) {
			List<String> listening = new ArrayList<>(listeningAddresses(ipv4, port));
			listening.addAll(listeningAddresses(Path.of("/proc/net/tcp6"), port));
			assertThat(listening).as("the addresses port %d listens on", port).isNotEmpty().isSubsetOf(LOOPBACK);
			return;
		}
		InetAddress network = networkAddress();
		assertThatExceptionOfType(IOException.class).as("connecting to port %d on %s", port, network).isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(network, port), 2000);
			}
		});
	}

	private static List<String> listeningAddresses(Path table, int port) {
		if (!Files.isReadable(table)) {
			return List.of();
		}
		String hexPort = String.format(Locale.ROOT, "%04X", port);
		try {
			return Files.readAllLines(table)
				.stream()
				.skip(1)
				.map(line -> line.trim().split("\\s+"))
				// local_address is ADDRESS:PORT in hex; state 0A is LISTEN.
				.filter(fields -> fields[1].endsWith(":" + hexPort) && fields[3].equals("0A"))
				.map(fields -> fields[1].substring(0, fields[1].indexOf(':')))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InetAddress networkAddress() {
		try {
			return NetworkInterface.networkInterfaces()
				.filter(ListeningSockets::isUp)
				.flatMap(NetworkInterface::inetAddresses)
				.filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("This machine has no network address to check against"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isUp(NetworkInterface network) {
		try {
			return network.isUp() && !network.isLoopback();
		}
		catch (IOException ex) {
			return false;
		}
	}

}
