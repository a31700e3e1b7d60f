package im.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The shrinking heap's options, set in this test's own JVM (G1, options not given at launch). */
class IdleHeapTest {

    private static final String PERIODIC = "G1PeriodicGCInterval";
    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void shrinksTheHeapAndCollectsPeriodicallyOnlyWhileFewMessagesGoThrough() {
        assumeThat(ManagementFactory.getGarbageCollectorMXBeans().stream()
                .anyMatch(collector -> collector.getName().startsWith("G1"))).as("G1").isTrue();
        assumeThat(vm.getVMOption(PERIODIC).getOrigin()).isIn(VMOption.Origin.DEFAULT, VMOption.Origin.MANAGEMENT);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Counter sent = meters.counter("im.messages.sent");
        Counter delivered = meters.counter("im.messages.delivered");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            IdleHeap heap = new IdleHeap(timer, meters);
            heap.giveBackWhenIdle();
            assertThat(periodic()).as("a server starts quiet").isEqualTo(IdleHeap.PERIODIC_WHEN_QUIET);
            assertThat(vm.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo("20");

            sent.increment(IdleHeap.QUIET_MESSAGES / 2);
            delivered.increment(IdleHeap.QUIET_MESSAGES / 2);
            heap.look();
            assertThat(periodic()).as("busy").isEqualTo(IdleHeap.PERIODIC_OFF);

            sent.increment(IdleHeap.QUIET_MESSAGES - 1);
            heap.look();
            assertThat(periodic()).as("quiet again").isEqualTo(IdleHeap.PERIODIC_WHEN_QUIET);

            delivered.increment(IdleHeap.QUIET_MESSAGES);
            heap.look();
            assertThat(periodic()).as("busy again").isEqualTo(IdleHeap.PERIODIC_OFF);

            vm.setVMOption(PERIODIC, "60000");
            heap.look();
            assertThat(periodic()).as("set by someone else since").isEqualTo("60000");
        } finally {
            timer.shutdownNow();
            vm.setVMOption(PERIODIC, IdleHeap.PERIODIC_WHEN_QUIET);
        }
    }

    private String periodic() {
        return vm.getVMOption(PERIODIC).getValue();
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
