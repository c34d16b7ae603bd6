package onlinebench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of the machinery (src/main/java) runs one way: the per-request record at the
 * bottom, importing nothing of ours; no package cycles; and Gatling's internals and Scala reached
 * only through the adapter package, so a Gatling upgrade changes one place.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMain() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("onlinebench");
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("onlinebench.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void theRecordPackageImportsNothingOfOurs() {
    classes()
        .that()
        .resideInAPackage("onlinebench.record..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("onlinebench.record..", "java..", "org.jspecify..")
        .because("every producer and consumer of a request's outcome stands on it")
        .check(main);
  }

  @Test
  void onlyTheAdapterPackageTouchesGatlingOrScala() {
    noClasses()
        .that()
        .resideOutsideOfPackage("onlinebench.gatling..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.gatling..", "scala..", "com.typesafe.scalalogging..")
        .because("a Gatling upgrade must change one package (onlinebench.gatling)")
        .check(main);
  }

  @Test
  void configurationDependsOnNoMeasurementOrOutput() {
    noClasses()
        .that()
        .resideInAPackage("onlinebench.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "onlinebench.metrics..",
            "onlinebench.slo..",
            "onlinebench.report..",
            "onlinebench.run..",
            "onlinebench.gatling..",
            "onlinebench.openai..",
            "onlinebench.simulator..")
        .because(
            "the first stage of the pipeline must not import its end: config holds parsed SLO"
                + " clauses, their evaluation lives above metrics")
        .check(main);
  }
}
