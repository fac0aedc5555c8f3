package io.chatgw.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package picture of docs/decisions.md ("Packages"), enforced: no cycles between the feature
 * packages, and the dependencies that would bring one back refused outright. Main code only.
 */
@AnalyzeClasses(packages = "io.chatgw.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ROOT = "io.chatgw.gateway";

  @ArchTest
  static final ArchRule featurePackagesAreFreeOfCycles = slices().matching(ROOT + ".(*)..")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule dialectsDoNotDependOnEachOther = slices().matching(ROOT + ".dialect.(*)..")
      .should().notDependOnEachOther();

  /** Leaves: the typed configuration, JSON writing and the typed error need nothing of ours. */
  @ArchTest
  static final ArchRule configIsALeaf = dependsOnlyOn("config");

  @ArchTest
  static final ArchRule jsonIsALeaf = dependsOnlyOn("json");

  @ArchTest
  static final ArchRule failureIsALeaf = dependsOnlyOn("failure");

  /** Where the throwaway cluster's server binaries come from: files and processes, nothing of ours. */
  @ArchTest
  static final ArchRule pgbinariesIsALeaf = dependsOnlyOn("pgbinaries");

  /** The event-bus contract: records, codec, failure encoding; nothing of either side. */
  @ArchTest
  static final ArchRule busKnowsOnlyFailures = dependsOnlyOn("bus", "failure");

  /** The HTTP side is given its routes; it knows no dialect, credential or admin code. */
  @ArchTest
  static final ArchRule httpKnowsNoFeature = noClasses().that().resideInAPackage(pkg("http"))
      .should().dependOnClassesThat().resideInAnyPackage(pkg("dialect"), pkg("auth"), pkg("admin"), pkg("ops"),
          pkg("demo"));

  /** The directory reads the store and is told by the composition root what changed. */
  @ArchTest
  static final ArchRule directoryReadsOnlyTheStore = dependsOnlyOn("directory", "config", "store");

  @ArchTest
  static final ArchRule lowerLayersKnowNoHttpOrDialect = noClasses()
      .that().resideInAnyPackage(pkg("store"), pkg("auth"), pkg("bus"), pkg("limits"), pkg("directory"))
      .should().dependOnClassesThat().resideInAnyPackage(pkg("http"), pkg("dialect"), pkg("admin"), pkg("ops"));

  /**
   * The live feed is a leaf feature: the composition root mounts its routes and tells it of
   * notices; no other package knows it, and it knows neither admin, operator nor listener code.
   */
  @ArchTest
  static final ArchRule nothingButTheRootKnowsTheFeed = noClasses().that().resideInAPackage(ROOT + ".*..")
      .and().resideOutsideOfPackage(pkg("feed"))
      .should().dependOnClassesThat().resideInAPackage(pkg("feed"));

  @ArchTest
  static final ArchRule feedKnowsNoAdminOpsOrListener = noClasses().that().resideInAPackage(pkg("feed"))
      .should().dependOnClassesThat().resideInAnyPackage(pkg("admin"), pkg("ops"), pkg("changes"), pkg("demo"),
          pkg("limits"));

  /** The gateway's own API (issue 12) is a dialect like the others: no admin, change-notice, ops or limits code. */
  @ArchTest
  static final ArchRule nativeDialectIsADialect = noClasses().that().resideInAPackage(ROOT + ".dialect.v1..")
      .should().dependOnClassesThat().resideInAnyPackage(pkg("admin"), pkg("changes"), pkg("ops"), pkg("limits"));

  @ArchTest
  static final ArchRule nothingDependsOnTheDemo = noClasses().that().resideInAPackage(ROOT + ".*..")
      .and().resideOutsideOfPackage(pkg("demo"))
      .should().dependOnClassesThat().resideInAPackage(pkg("demo"));

  /** Only the composition root ({@code Gateway}, {@code Main}) sees everything; nothing sees it. */
  @ArchTest
  static final ArchRule nothingDependsOnTheCompositionRoot = noClasses().that().resideInAPackage(ROOT + ".*..")
      .should().dependOnClassesThat().resideInAPackage(ROOT);

  private static String pkg(String name) {
    return ROOT + "." + name + "..";
  }

  /** Classes of {@code name} depend on no package of ours but {@code allowed} (and their own). */
  private static ArchRule dependsOnlyOn(String name, String... allowed) {
    String[] others = java.util.stream.Stream.of("admin", "auth", "bus", "changes", "config", "demo", "dialect",
            "directory", "failure", "feed", "http", "json", "limits", "ops", "pgbinaries", "store")
        .filter(p -> !p.equals(name) && !java.util.List.of(allowed).contains(p))
        .map(ArchitectureTest::pkg).toArray(String[]::new);
    return noClasses().that().resideInAPackage(pkg(name))
        .should().dependOnClassesThat().resideInAnyPackage(others)
        .orShould().dependOnClassesThat().resideInAPackage(ROOT);
  }
}
