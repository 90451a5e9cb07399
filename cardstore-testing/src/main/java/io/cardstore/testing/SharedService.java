package io.cardstore.testing;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A backing service shared by every test in a JVM: started on first use, stopped when the
 * JVM exits. Tests that share one must not depend on it being empty.
 *
 * @param <T> the service
 */
public final class SharedService<T extends AutoCloseable> implements Supplier<T> {

	private final Supplier<T> starter;

	private volatile @Nullable T service;

	public SharedService(Supplier<T> starter) {
		this.starter = starter;
	}

	@Override
	public T get() {
		T current = this.service;
		if (current == null) {
			synchronized (this) {
				current = this.service;
				if (current == null) {
					T started = this.starter.get();
					Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "shared-service-stop"));
					this.service = started;
					current = started;
				}
			}
		}
		return current;
	}

	private static void stop(AutoCloseable service) {
		try {
			service.close();
		}
		catch (Exception ex) {
			// The JVM is exiting; a service that fails to stop is reaped with it.
		}
	}

}
