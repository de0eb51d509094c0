package org.rispacs.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of DESIGN.md, checked on the compiled classes of every module. */
class ModuleRulesTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.rispacs");
    }

    @Test
    void apiHoldsPlainRecordsWithNoFrameworkButAxonAnnotations() {
        ArchRule rule = classes().that().resideInAPackage("org.rispacs.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "org.rispacs.api..", "org.axonframework.modelling.command..",
                        "org.axonframework.serialization..");
        rule.check(production);
    }

    @Test
    void messagesAreRecords() {
        classes().that(messages("Command", "Event", "Query"))
                .should().beRecords()
                .check(production);
    }

    /** Stored events outlive the code: each states the revision of its shape for upcasters. */
    @Test
    void eventsDeclareTheirRevision() {
        classes().that(messages("Event"))
                .should().beAnnotatedWith("org.axonframework.serialization.Revision")
                .check(production);
    }

    private static DescribedPredicate<JavaClass> messages(String... suffixes) {
        return DescribedPredicate.describe("messages of the api ending with " + String.join("/", suffixes),
                type -> type.getPackageName().startsWith("org.rispacs.api")
                        && java.util.Arrays.stream(suffixes).anyMatch(type.getSimpleName()::endsWith));
    }

    @Test
    void commandSideNeverReadsProjectionsNorKnowsTheEdges() {
        noClasses().that().resideInAPackage("org.rispacs.command..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.rispacs.query..", "org.rispacs.dicom..", "org.rispacs.hl7..", "org.rispacs.fhir..",
                        "org.rispacs.app..", "co.elastic..")
                .check(production);
    }

    @Test
    void querySideKnowsOnlyTheApi() {
        noClasses().that().resideInAPackage("org.rispacs.query..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.rispacs.command..", "org.rispacs.dicom..", "org.rispacs.hl7..", "org.rispacs.fhir..",
                        "org.rispacs.app..")
                .check(production);
    }

    @Test
    void edgesTalkThroughGatewaysOnly() {
        noClasses().that().resideInAnyPackage("org.rispacs.dicom..", "org.rispacs.hl7..", "org.rispacs.fhir..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.rispacs.command..", "org.rispacs.query..", "org.rispacs.app..", "co.elastic..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void dicomProtocolStackIsFreeOfSpringAndAxon() {
        noClasses().that().resideInAPackage("org.rispacs.dicom..")
                .and().resideOutsideOfPackage("org.rispacs.dicom.bridge..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..")
                .allowEmptyShould(true)
                .check(production);
    }

    @Test
    void aggregatesAreNotPublic() {
        classes().that().areAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
                .should().notBePublic()
                .check(production);
    }

    /** The DICOM stack is layered as the standard is: each layer uses only those below it. */
    @Test
    void dicomStackLayersUseOnlyTheLayersBelow() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("data").definedBy("org.rispacs.dicom.data..")
                .layer("upper layer").definedBy("org.rispacs.dicom.ul..")
                .layer("dimse").definedBy("org.rispacs.dicom.dimse..")
                .layer("services").definedBy("org.rispacs.dicom.service..", "org.rispacs.dicom.archive..")
                .layer("bridge").definedBy("org.rispacs.dicom.bridge..")
                .whereLayer("bridge").mayNotBeAccessedByAnyLayer()
                .whereLayer("services").mayOnlyBeAccessedByLayers("bridge")
                .whereLayer("dimse").mayOnlyBeAccessedByLayers("services", "bridge")
                .whereLayer("upper layer").mayOnlyBeAccessedByLayers("dimse", "services", "bridge")
                .check(production);
    }

    /** Features depend on each other in one direction, so that each can be read and changed alone. */
    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("org.rispacs.(*).(*)..").should().beFreeOfCycles().check(production);
    }

    /** Read models only read and write their indices; starting processes belongs to the application's runtime. */
    @Test
    void querySideStartsNoProcesses() {
        noClasses().that().resideInAPackage("org.rispacs.query..")
                .should().dependOnClassesThat().areAssignableTo(ProcessBuilder.class)
                .check(production);
    }
}
