package io.cardstore.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image build runs Maven on the whole reactor, which fails unless every module's pom
 * is there: this module's too, though the image never contains it.
 */
class ImageBuildTests {

	@Test
	void theImageBuildCopiesThePomOfEveryModule() throws IOException {
		// The module's own pom is found first; the root is where the wrapper is.
		String rootPom = Files.readString(Synthesis.projectFile("mvnw").resolveSibling("pom.xml"));
		String dockerfile = Files.readString(Synthesis.projectFile("cardstore-web/Dockerfile"));
		// The modules of the default build; a profile's (the benchmarks') is not built
		// there.
		String defaultModules = rootPom.substring(rootPom.indexOf("<modules>"), rootPom.indexOf("</modules>"));
		List<String> modules = new ArrayList<>();
		Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(defaultModules);
		while (module.find()) {
			modules.add(module.group(1));
		}

		assertThat(modules).contains("cardstore-infra");
		for (String name : modules) {
			assertThat(dockerfile).contains("COPY " + name + "/pom.xml " + name + "/");
		}
	}

}
