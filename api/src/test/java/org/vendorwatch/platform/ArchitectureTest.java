package org.vendorwatch.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The request path runs one way: controllers bind arguments, *Queries and *Commands talk to the
 * database (and *ReadModel declares the compiled read path's SQL). The slices form no cycle, and the
 * platform (the engines: GraphQL, paging, the compiled read path, limits, auth) depends on none.
 */
@AnalyzeClasses(packages = "org.vendorwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyQueriesAndCommandsTouchTheDatabase = noClasses()
            .that()
            .areTopLevelClasses()
            .and()
            .haveSimpleNameNotEndingWith("Queries")
            .and()
            .haveSimpleNameNotEndingWith("Commands")
            .and()
            .haveSimpleNameNotEndingWith("ReadModel")
            .and()
            .resideOutsideOfPackages("..platform..", "..seed..", "..build..", "org.vendorwatch.db..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.jooq..", "org.vendorwatch.db..");

    @ArchTest
    static final ArchRule controllersDoNotTalkToEachOther = noClasses()
            .that()
            .haveSimpleNameEndingWith("Controller")
            .should()
            .dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "another controller",
                    c -> c.getSimpleName().endsWith("Controller")
                            && c.getPackageName().startsWith("org.vendorwatch")));

    @ArchTest
    static final ArchRule slicesFormNoCycle = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("org.vendorwatch.(*)..")
            .should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule platformDependsOnNoSlice = noClasses()
            .that()
            .resideInAPackage("org.vendorwatch.platform..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.vendorwatch.allegation..",
                    "org.vendorwatch.audit..",
                    "org.vendorwatch.bulk..",
                    "org.vendorwatch.curation..",
                    "org.vendorwatch.jurisdiction..",
                    "org.vendorwatch.node..",
                    "org.vendorwatch.product..",
                    "org.vendorwatch.sanction..",
                    "org.vendorwatch.search..",
                    "org.vendorwatch.seed..",
                    "org.vendorwatch.source..",
                    "org.vendorwatch.vendor..");

    /** Every public method of a command class declares who may call it (and the pipeline checks again): no write path without it. */
    @ArchTest
    static final ArchRule everyCommandIsSecured = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
            .that()
            .areDeclaredInClassesThat()
            .haveSimpleNameEndingWith("Commands")
            .and()
            .arePublic()
            .and()
            .areNotStatic()
            .should()
            .beAnnotatedWith(org.vendorwatch.platform.auth.EditorsOnly.class)
            .orShould()
            .beAnnotatedWith(org.vendorwatch.platform.auth.RedactorsOnly.class);

    /** Controllers bind typed inputs: no mutation reads a raw argument map. */
    @ArchTest
    static final ArchRule mutationsTakeTypedInputs = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
            .that()
            .areAnnotatedWith(org.springframework.graphql.data.method.annotation.MutationMapping.class)
            .should(
                    new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaMethod>(
                            "take a typed input record") {
                        @Override
                        public void check(
                                com.tngtech.archunit.core.domain.JavaMethod method,
                                com.tngtech.archunit.lang.ConditionEvents events) {
                            boolean raw = method.getRawParameterTypes().stream()
                                    .anyMatch(t -> t.isAssignableTo(java.util.Map.class));
                            if (raw) {
                                events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                        method, method.getFullName() + " takes a Map"));
                            }
                        }
                    });
}
