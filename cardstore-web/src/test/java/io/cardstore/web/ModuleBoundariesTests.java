package io.cardstore.web;

import java.util.Set;
import java.util.regex.Pattern;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The store uses the library modules through their API only: the session module's user
 * sessions, the market's domain, and of the AWS module its account mail queue alone; the
 * DynamoDB and S3 implementations, auto-configurations, settings, repositories and table
 * set-up are theirs to change. The market knows nothing of AWS, Spring or the other
 * modules, and none of them knows the launchers or the test servers. No package depends
 * on itself through others.
 */
class ModuleBoundariesTests {

	/** What the session module offers applications. */
	static final Set<String> SESSION_API = Set.of("io.cardstore.session.UserSessions",
			"io.cardstore.session.UserSession", "io.cardstore.session.InstanceId",
			"io.cardstore.session.SessionStoreUnavailableException");

	/**
	 * What the AWS module offers the store beyond the market's operations, which it
	 * implements: the queue of account mail requests, whose class names travel in the
	 * queue's messages.
	 */
	static final Set<String> AWS_API = Set.of("io.cardstore.aws.mail.AccountMailRequests",
			"io.cardstore.aws.mail.AccountMailRequest", "io.cardstore.aws.mail.AccountMailRequest$Purpose");

	/**
	 * The bean definitions Spring AOT generates when the jar is built
	 * ({@code X__BeanDefinitions} and the like): code of the build, which registers every
	 * module's beans, not of the store.
	 */
	static final ImportOption NOT_GENERATED_BY_SPRING_AOT = location -> !location
		.matches(Pattern.compile(".*__[^/]*\\.class$"));

	static final JavaClasses storeClasses = new ClassFileImporter()
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
			.check(storeClasses);
	}

	@Test
	void theStoreUsesTheAwsModulesMailQueueOnly() {
		noClasses().that()
			.resideInAPackage("io.cardstore.web..")
			.should()
			.dependOnClassesThat(new DescribedPredicate<JavaClass>("are AWS module internals") {
				@Override
				public boolean test(JavaClass type) {
					return type.getPackageName().startsWith("io.cardstore.aws") && !AWS_API.contains(type.getName());
				}
			})
			.check(storeClasses);
	}

	@Test
	void theLibraryModulesNeverSeeTheStoreOrEachOther() {
		noClasses().that()
			.resideInAPackage("io.cardstore.session..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.cardstore.web..", "io.cardstore.aws..", "io.cardstore.market..")
			.check(storeClasses);
		noClasses().that()
			.resideInAPackage("io.cardstore.aws..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.cardstore.web..", "io.cardstore.session..")
			.check(storeClasses);
	}

	/**
	 * The launchers ({@code cardstore-local}) and the backing services of the tests
	 * ({@code cardstore-testing}) run the store; nothing of the store or the modules it
	 * is built from runs them, so that neither is ever in the application.
	 */
	@Test
	void theStoreNeverSeesItsLaunchersOrTestServers() {
		noClasses().that()
			.resideInAnyPackage("io.cardstore.web..", "io.cardstore.session..", "io.cardstore.aws..",
					"io.cardstore.market..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.cardstore.local..", "io.cardstore.testing..")
			.check(storeClasses);
	}

	/**
	 * The domain is plain Java: what a card, an account or a purchase is, and the
	 * operations on them, read without knowing where they are stored. JSpecify's
	 * annotations say which values may be null.
	 */
	@Test
	void theMarketIsPlainJava() {
		classes().that()
			.resideInAPackage("io.cardstore.market..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("io.cardstore.market..", "java..", "org.jspecify.annotations..")
			.check(storeClasses);
	}

	/**
	 * No package reaches itself again through others, in the store or the modules under
	 * it (the test module's servers included): each can be read, moved or split on its
	 * own. A feature package reads plain values, not its module's settings objects.
	 */
	@Test
	void noPackageDependsOnItselfThroughOthers() {
		slices().matching("io.cardstore.(**)").should().beFreeOfCycles().check(storeClasses);
	}

}
