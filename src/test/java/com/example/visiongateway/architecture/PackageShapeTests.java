package com.example.visiongateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape docs/architecture.md describes, held by the build: feature packages without
 * cycles, HTTP only at the edges, and the API's records built from the domain's, never
 * the other way round.
 */
class PackageShapeTests {

	private static final JavaClasses GATEWAY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("com.example.visiongateway");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("com.example.visiongateway.(*)..").should().beFreeOfCycles().check(GATEWAY);
	}

	@Test
	void thePurePackagesKnowNothingOfHttp() {
		noClasses().that()
			.resideInAnyPackage("..visiongateway.error..", "..visiongateway.image..", "..visiongateway.spatial..",
					"..visiongateway.budget..", "..visiongateway.transfer..", "..visiongateway.io..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.http..", "org.springframework.web..", "jakarta.servlet..")
			.check(GATEWAY);
	}

	@Test
	void onlyTheApiAndThePassThroughSpeakProblemJsonOrGooglesErrors() {
		noClasses().that()
			.resideOutsideOfPackages("..visiongateway.api..", "..visiongateway.passthrough..", "..visiongateway.auth..",
					"..visiongateway.ui..")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.springframework.http.ProblemDetail")
			.check(GATEWAY);
	}

	@Test
	void theDomainNeverReachesBackIntoTheApi() {
		noClasses().that()
			.resideInAnyPackage("..visiongateway.task..", "..visiongateway.gemini..", "..visiongateway.image..",
					"..visiongateway.spatial..", "..visiongateway.transfer..", "..visiongateway.fetch..",
					"..visiongateway.multipart..", "..visiongateway.state..", "..visiongateway.budget..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("..visiongateway.api..")
			.check(GATEWAY);
	}

}
