package im;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package rules of docs/ARCHITECTURE.md, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("im");

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
                        "im.presence..", "im.delivery..", "im.inbox..", "im.rooms..", "im.tokens..")
                .should().dependOnClassesThat().resideInAPackage("im.transport..")
                .check(CLASSES);
    }

    @Test
    void theProtocolAndSessionTypesStandAlone() {
        noClasses().that().resideInAnyPackage("im.protocol..", "im.session..")
                .should().dependOnClassesThat().resideInAnyPackage("im.command..", "im.auth..", "im.presence..",
                        "im.delivery..", "im.inbox..", "im.rooms..", "im.ops..", "im.client..")
                .check(CLASSES);
    }

    @Test
    void theClientAndTheFuzzerRunWithoutSpringOrServerCode() {
        noClasses().that().resideInAnyPackage("im.client..", "im.fuzz..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "im.transport..",
                        "im.command..", "im.auth..", "im.presence..", "im.delivery..", "im.inbox..", "im.rooms..")
                .check(CLASSES);
    }

    @Test
    void theStoreIsReachedOnlyThroughTheInboxRoomAndTokenStores() {
        noClasses().that().resideOutsideOfPackages("im.inbox..", "im.rooms..", "im.tokens..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .check(CLASSES);
    }
}
