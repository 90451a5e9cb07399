package io.cardstore.testing.prometheus;

import java.io.IOException;
import java.util.List;

import org.testcontainers.Testcontainers;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Prometheus in a container, the image docker-compose.yml runs, reaching the replicas on
 * the host through Testcontainers' host gateway.
 */
final class ContainerPrometheusServer implements PrometheusServer {

	static final DockerImageName IMAGE = DockerImageName.parse("prom/prometheus:v2.53.3");

	private static final String CONFIGURATION = "/etc/prometheus/prometheus.yml";

	private final GenericContainer<?> container;

	private ContainerPrometheusServer(GenericContainer<?> container) {
		this.container = container;
	}

	@SuppressWarnings("resource") // stopped by close()
	static ContainerPrometheusServer start(List<String> targets) {
		Testcontainers.exposeHostPorts(targets.stream().mapToInt(ContainerPrometheusServer::port).toArray());
		List<String> throughGateway = targets.stream()
			.map((target) -> GenericContainer.INTERNAL_HOST_HOSTNAME + ":" + port(target))
			.toList();
		GenericContainer<?> prometheus = new GenericContainer<>(IMAGE)
			.withCopyToContainer(Transferable.of(PrometheusConfiguration.scraping(throughGateway)), CONFIGURATION)
			.withExposedPorts(9090)
			.waitingFor(Wait.forHttp("/-/ready"));
		prometheus.start();
		return new ContainerPrometheusServer(prometheus);
	}

	private static int port(String address) {
		return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
	}

	@Override
	public String url() {
		return "http://" + this.container.getHost() + ":" + this.container.getMappedPort(9090);
	}

	@Override
	public String checkConfig() {
		try {
			ExecResult check = this.container.execInContainer("promtool", "check", "config", CONFIGURATION);
			String output = check.getStdout() + check.getStderr();
			if (check.getExitCode() != 0) {
				throw new IllegalStateException("promtool refused the configuration:\n" + output);
			}
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("promtool did not run in the container", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.container.stop();
	}

}
