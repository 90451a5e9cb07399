package io.cardstore.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the project the tests run in, found from the working directory (a module's)
 * upwards.
 */
public final class ProjectFiles {

	private ProjectFiles() {
	}

	/** The project file at this path, such as {@code nginx/cardstore.conf.template}. */
	public static Path find(String relativePath) {
		Path start = Path.of("").toAbsolutePath();
		for (Path directory = start; directory != null; directory = directory.getParent()) {
			Path candidate = directory.resolve(relativePath);
			if (Files.exists(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException(relativePath + " not found above " + start);
	}

}
