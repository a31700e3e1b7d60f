package im.process;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lets an idle server give back the memory a burst left behind (thousands of logins, a
 * reconnect storm): G1 keeps the heap it grew to, so without this the server's memory is its
 * peak's garbage rather than its live data. A collection every few seconds while nothing else
 * collects, and a heap that shrinks to its live data plus a little, are set here, at startup,
 * through the JVM's manageable options, so that {@code java -jar} alone gets them; an option
 * given on the command line is left as given (docs/PERFORMANCE.md, idle memory).
 */
@Component
class IdleHeap {

    private static final Logger log = LoggerFactory.getLogger(IdleHeap.class);

    /** Option and value, in this order: the free ratios must stay min ≤ max as each is set. */
    private static final List<String[]> OPTIONS = List.of(
            new String[] {"MinHeapFreeRatio", "10"},
            new String[] {"MaxHeapFreeRatio", "20"},
            new String[] {"G1PeriodicGCInterval", "5000"});

    @EventListener(ApplicationReadyEvent.class)
    void giveBackWhenIdle() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (vm == null || ManagementFactory.getGarbageCollectorMXBeans().stream()
                .noneMatch(collector -> collector.getName().startsWith("G1"))) {
            return;
        }
        for (String[] option : OPTIONS) {
            String name = option[0];
            try {
                if (vm.getVMOption(name).getOrigin() == VMOption.Origin.DEFAULT) {
                    vm.setVMOption(name, option[1]);
                }
            } catch (IllegalArgumentException unsupported) {
                log.debug("The JVM does not let {} be set: {}", name, unsupported.getMessage());
            }
        }
    }
}
