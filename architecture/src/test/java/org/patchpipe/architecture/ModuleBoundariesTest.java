package org.patchpipe.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The module boundaries of the README's module table, checked on the compiled main classes of
 * every module: the parser uses only the JDK, dependencies between modules point one way, and no
 * module uses another's internal packages ({@link Modules#exports}).
 */
class ModuleBoundariesTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.patchpipe");
    // A module missing from the class path would pass every rule below without being checked.
    for (Modules module : Modules.values()) {
      assertTrue(main.stream().anyMatch(c -> module.owns(c.getPackageName())),
          "no main class of module " + module.name + " was imported");
    }
  }

  @Test
  void parserUsesOnlyTheJdk() {
    classes().that().resideInAPackage(Modules.PARSER.allPackages())
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", Modules.PARSER.allPackages())
        .because("the parser knows nothing of Kafka, SQL or HTTP (README, module table)")
        .check(main);
  }

  @TestFactory
  Stream<DynamicTest> modulesDependOneWay() {
    return Arrays.stream(Modules.values()).map(module -> DynamicTest.dynamicTest(module.name, () -> {
      String[] forbidden = Arrays.stream(Modules.values())
          .filter(other -> other != module && !module.uses.contains(other.name))
          .map(Modules::allPackages).toArray(String[]::new);
      noClasses().that().resideInAPackage(module.allPackages())
          .should().dependOnClassesThat().resideInAnyPackage(forbidden)
          .because(module.name + " may use only " + module.uses + " (README, module table)")
          .allowEmptyShould(forbidden.length == 0)
          .check(main);
    }));
  }

  @TestFactory
  Stream<DynamicTest> noModuleUsesAnothersInternals() {
    return Arrays.stream(Modules.values()).filter(m -> m != Modules.CLI).map(owner -> DynamicTest.dynamicTest(owner.name, () ->
        noClasses().that().resideOutsideOfPackage(owner.allPackages())
            .should().dependOnClassesThat(DescribedPredicate.describe("are in " + owner.name + "'s internal packages",
                target -> owner.owns(target.getPackageName()) && !owner.exports(target.getPackageName())))
            .because(owner.name + " exports only " + owner.exportedPackages())
            .check(main)));
  }
}
