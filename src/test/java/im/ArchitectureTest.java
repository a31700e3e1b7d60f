package im;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The package rules of docs/ARCHITECTURE.md, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("im");

    /**
     * The "may use" column of docs/ARCHITECTURE.md's package table: the packages of ours each
     * package may depend on (besides itself and its sub-packages). The root package ({@code im}:
     * the main class) may use all; nothing depends on it.
     */
    private static final Map<String, List<String>> MAY_USE = Map.ofEntries(
            Map.entry("im.protocol", List.of()),
            Map.entry("im.settings", List.of()),
            Map.entry("im.concurrent", List.of()),
            Map.entry("im.process", List.of()),
            Map.entry("im.throttle", List.of("im.settings")),
            Map.entry("im.database", List.of("im.process")),
            Map.entry("im.session", List.of("im.protocol", "im.settings", "im.throttle")),
            Map.entry("im.auth", List.of("im.concurrent", "im.process", "im.protocol", "im.settings", "im.throttle")),
            Map.entry("im.presence", List.of("im.auth", "im.protocol", "im.session", "im.settings")),
            Map.entry("im.direct", List.of("im.auth", "im.inbox", "im.presence", "im.protocol", "im.session")),
            Map.entry("im.inbox", List.of("im.auth", "im.concurrent", "im.database", "im.integrity", "im.presence",
                    "im.process", "im.protocol", "im.session", "im.settings", "im.throttle")),
            Map.entry("im.rooms", List.of("im.auth", "im.inbox", "im.presence", "im.protocol", "im.session",
                    "im.settings", "im.throttle")),
            Map.entry("im.tokens", List.of("im.auth", "im.protocol")),
            Map.entry("im.command", List.of("im.auth", "im.concurrent", "im.direct", "im.inbox", "im.presence", "im.protocol",
                    "im.rooms", "im.session", "im.settings", "im.throttle", "im.tokens")),
            Map.entry("im.integrity", List.of("im.auth", "im.inbox", "im.process", "im.rooms")),
            Map.entry("im.cluster", List.of("im.auth", "im.concurrent", "im.inbox", "im.presence", "im.process",
                    "im.rooms", "im.session", "im.throttle", "im.transport.tcp")),
            Map.entry("im.ops", List.of("im.auth", "im.database", "im.inbox", "im.presence", "im.transport.tcp")),
            Map.entry("im.transport.tcp", List.of("im.concurrent", "im.protocol", "im.session", "im.settings",
                    "im.throttle")),
            Map.entry("im.transport.web", List.of("im.session", "im.settings", "im.transport.tcp")),
            Map.entry("im.client", List.of("im.concurrent", "im.protocol")),
            Map.entry("im.bench", List.of("im.client")),
            Map.entry("im.fuzz", List.of()));

    @Test
    void everyPackageUsesOnlyWhatTheArchitectureTableAllows() {
        for (Map.Entry<String, List<String>> entry : MAY_USE.entrySet()) {
            List<String> allowed = new ArrayList<>();
            allowed.add(entry.getKey() + "..");
            entry.getValue().forEach(used -> allowed.add(used + ".."));
            classes().that().resideInAPackage(entry.getKey() + "..")
                    .should().onlyDependOnClassesThat(resideOutsideOfPackage("im..")
                            .or(resideInAnyPackage(allowed.toArray(String[]::new))))
                    .as(entry.getKey() + " uses only " + entry.getValue())
                    .check(CLASSES);
        }
    }

    @Test
    void theTableNamesEveryPackage() {
        Set<String> packages = new TreeSet<>();
        CLASSES.forEach(javaClass -> {
            String name = javaClass.getPackageName();
            if (!name.equals("im")) {
                String[] parts = name.split("\\.");
                packages.add(parts[1].equals("transport") ? "im.transport." + parts[2] : "im." + parts[1]);
            }
        });
        assertThat(MAY_USE.keySet()).containsExactlyInAnyOrderElementsOf(packages);
    }

    @Test
    void onlyTheTransportTouchesSpringIntegrationIp() {
        noClasses().that().resideOutsideOfPackage("im.transport..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.integration.ip..")
                .check(CLASSES);
    }

    @Test
    void onlyTheTransportKnowsTheWebSocketApi() {
        noClasses().that().resideOutsideOfPackage("im.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.socket..",
                        "jakarta.websocket..", "org.apache.tomcat.websocket..")
                .check(CLASSES);
    }

    @Test
    void servicesAndCommandsKnowNothingOfTheTransport() {
        noClasses().that().resideInAnyPackage("im.protocol..", "im.command..", "im.session..", "im.auth..",
                        "im.presence..", "im.direct..", "im.inbox..", "im.rooms..", "im.tokens..")
                .should().dependOnClassesThat().resideInAPackage("im.transport..")
                .check(CLASSES);
    }

    @Test
    void theProtocolAndSessionTypesStandAlone() {
        noClasses().that().resideInAnyPackage("im.protocol..", "im.session..")
                .should().dependOnClassesThat().resideInAnyPackage("im.command..", "im.auth..", "im.presence..",
                        "im.direct..", "im.inbox..", "im.rooms..", "im.ops..", "im.client..")
                .check(CLASSES);
    }

    @Test
    void theClientAndTheFuzzerRunWithoutSpringOrServerCode() {
        noClasses().that().resideInAnyPackage("im.client..", "im.fuzz..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "im.transport..",
                        "im.command..", "im.auth..", "im.presence..", "im.direct..", "im.inbox..", "im.rooms..")
                .check(CLASSES);
    }

    @Test
    void theStoreIsReachedOnlyThroughTheInboxRoomTokenAndAccountStores() {
        // The cluster's wiring hands the database to the stores it makes, as Spring does.
        noClasses().that().resideOutsideOfPackages("im.inbox..", "im.rooms..", "im.tokens..")
                .and().doNotHaveFullyQualifiedName("im.auth.JdbcAccountStore")
                .and().doNotHaveFullyQualifiedName("im.cluster.ClusterConfiguration")
                .and().doNotHaveFullyQualifiedName("im.cluster.ImportUsersMain")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(CLASSES);
    }

    @Test
    void theInboxStorageEngineKnowsNothingOfTheInboxAboveIt() {
        noClasses().that().resideInAPackage("im.inbox.store..")
                .should().dependOnClassesThat().resideInAPackage("im.inbox")
                .check(CLASSES);
    }
}
