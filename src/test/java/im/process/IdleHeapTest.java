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

        new IdleHeap(Runnable::run).giveBackWhenIdle();

        if (g1 && !intervalGiven) {
            assertThat(vm.getVMOption("G1PeriodicGCInterval").getValue()).isEqualTo("5000");
            assertThat(vm.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("20");
        } else {
            assertThat(vm.getVMOption("G1PeriodicGCInterval").getValue()).isEqualTo(givenInterval);
        }
    }

    @Test
    void compactsOnlyAHeapThatABurstGrewByHalf() {
        long mb = 1 << 20;
        assertThat(IdleHeap.grewByHalf(300 * mb, 100 * mb)).as("tripled").isTrue();
        assertThat(IdleHeap.grewByHalf(140 * mb, 100 * mb)).as("grown by less than half").isFalse();
        assertThat(IdleHeap.grewByHalf(40 * mb, 20 * mb)).as("grown by less than 32 MB").isFalse();
        assertThat(IdleHeap.grewByHalf(100 * mb, 100 * mb)).as("as it was after the last compacting").isFalse();
    }
}
