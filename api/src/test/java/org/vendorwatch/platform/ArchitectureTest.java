package org.vendorwatch.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The request path runs one way: controllers bind arguments, *Queries and *Commands talk to the database. */
@AnalyzeClasses(packages = "org.vendorwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyQueriesAndCommandsTouchTheDatabase = noClasses()
            .that().areTopLevelClasses()
            .and().haveSimpleNameNotEndingWith("Queries").and().haveSimpleNameNotEndingWith("Commands")
            .and().resideOutsideOfPackages("..platform..", "..seed..", "..build..", "org.vendorwatch.db..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "org.vendorwatch.db..");

    @ArchTest
    static final ArchRule controllersDoNotTalkToEachOther = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("another controller",
                    c -> c.getSimpleName().endsWith("Controller") && c.getPackageName().startsWith("org.vendorwatch")));
}
