package im.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The shrinking heap's options, set in this test's own JVM (G1, options left at their defaults). */
class IdleHeapTest {

    @Test
    void setsTheOptionsThatLetAnIdleHeapShrinkUnlessGiven() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean g1 = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(collector -> collector.getName().startsWith("G1"));
        String givenInterval = vm.getVMOption("G1PeriodicGCInterval").getValue();
        boolean intervalGiven = vm.getVMOption("G1PeriodicGCInterval").getOrigin()
                != com.sun.management.VMOption.Origin.DEFAULT;

        new IdleHeap().giveBackWhenIdle();

        if (g1 && !intervalGiven) {
            assertThat(vm.getVMOption("G1PeriodicGCInterval").getValue()).isEqualTo("5000");
            assertThat(vm.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("20");
        } else {
            assertThat(vm.getVMOption("G1PeriodicGCInterval").getValue()).isEqualTo(givenInterval);
        }
    }
}
