package io.cardstore.web;

import java.util.Set;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The store uses the library modules through their API only: the session module's user
 * sessions, and the AWS module's feature packages. Their auto-configurations, settings,
 * repositories and table set-up are theirs to change. No package depends on itself
 * through others.
 */
class ModuleBoundariesTests {

	/** What the session module offers applications. */
	static final Set<String> SESSION_API = Set.of("io.cardstore.session.UserSessions",
			"io.cardstore.session.UserSession", "io.cardstore.session.InstanceId",
			"io.cardstore.session.SessionStoreUnavailableException");

	/**
	 * The AWS module's features; its root package holds the auto-configuration, settings
	 * and tables.
	 */
	static final Set<String> AWS_API_PACKAGES = Set.of("io.cardstore.aws.account", "io.cardstore.aws.card",
			"io.cardstore.aws.trade", "io.cardstore.aws.upload", "io.cardstore.aws.mail");

	/**
	 * The bean definitions Spring AOT generates when the jar is built
	 * ({@code X__BeanDefinitions} and the like): code of the build, which registers every
	 * module's beans, not of the store.
	 */
	static final ImportOption NOT_GENERATED_BY_SPRING_AOT = location -> !location
		.matches(Pattern.compile(".*__[^/]*\\.class$"));

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(NOT_GENERATED_BY_SPRING_AOT)
		.importPackages("io.cardstore");

	@Test
	void theStoreUsesTheSessionModulesApiOnly() {
		noClasses().that()
			.resideInAPackage("io.cardstore.web..")
			.should()
			.dependOnClassesThat(new DescribedPredicate<JavaClass>("are session module internals") {
				@Override
				public boolean test(JavaClass type) {
					return type.getPackageName().startsWith("io.cardstore.session")
							&& !SESSION_API.contains(type.getName());
				}
			})
			.check(classes);
	}

	@Test
	void theStoreUsesTheAwsModulesFeaturesOnly() {
		noClasses().that()
			.resideInAPackage("io.cardstore.web..")
			.should()
			.dependOnClassesThat(new DescribedPredicate<JavaClass>("are AWS module internals") {
				@Override
				public boolean test(JavaClass type) {
					return type.getPackageName().startsWith("io.cardstore.aws")
							&& !AWS_API_PACKAGES.contains(type.getPackageName());
				}
			})
			.check(classes);
	}

	@Test
	void theLibraryModulesNeverSeeTheStoreOrEachOther() {
		noClasses().that()
			.resideInAPackage("io.cardstore.session..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.cardstore.web..", "io.cardstore.aws..")
			.check(classes);
		noClasses().that()
			.resideInAPackage("io.cardstore.aws..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.cardstore.web..", "io.cardstore.session..")
			.check(classes);
	}

	/**
	 * No package reaches itself again through others, in the store or the modules under
	 * it (the test module's servers included): each can be read, moved or split on its
	 * own. A feature package reads plain values, not its module's settings objects.
	 */
	@Test
	void noPackageDependsOnItselfThroughOthers() {
		slices().matching("io.cardstore.(**)").should().beFreeOfCycles().check(classes);
	}

}
