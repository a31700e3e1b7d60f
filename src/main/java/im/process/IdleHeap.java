package im.process;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import javax.management.JMException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Lets an idle server give back the memory a burst left behind (thousands of logins, a
 * reconnect storm). G1 keeps the heap it grew to, and the C heap keeps what the JVM's own
 * work (the compiler's, the threads') freed, so without this the server's memory is its peak's
 * rather than its live data. Set at startup through the JVM's manageable options, so that
 * {@code java -jar} alone gets them (an option given on the command line is left as given): a
 * collection every few seconds while nothing else collects, and a heap that shrinks to its live
 * data plus a little. When such a periodic collection comes, the server is quiet: then, at most
 * once a minute, a heap that grew by half since it was last compacted is compacted with one
 * full collection (the periodic ones give back only part of it), and the C heap's free memory
 * is given back to the system (docs/PERFORMANCE.md, idle memory).
 */
@Component
class IdleHeap {

    private static final Logger log = LoggerFactory.getLogger(IdleHeap.class);

    /** Option and value, in this order: the free ratios must stay min ≤ max as each is set. */
    private static final List<String[]> OPTIONS = List.of(
            new String[] {"MinHeapFreeRatio", "10"},
            new String[] {"MaxHeapFreeRatio", "20"},
            new String[] {"G1PeriodicGCInterval", "5000"});
    private static final String PERIODIC_CAUSE = "G1 Periodic Collection";
    private static final Duration TIDY_AT_MOST_EVERY = Duration.ofMinutes(1);
    private static final long MIN_GROWTH_BYTES = 32L << 20;

    private final Executor work;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    /** Written on {@link #work} only. */
    private long committedAfterCompacting;
    private volatile long lastTidied = System.nanoTime() - TIDY_AT_MOST_EVERY.toNanos();
    private volatile boolean canTrimNativeHeap = true;

    IdleHeap(@Qualifier("imTimer") Executor work) {
        this.work = work;
    }

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
        committedAfterCompacting = memory.getHeapMemoryUsage().getCommitted();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this::onCollection, null, null);
            }
        }
    }

    /** On the JVM's notification thread: a periodic collection says the server is quiet. */
    private void onCollection(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())
                || !PERIODIC_CAUSE.equals(GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData()).getGcCause())) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastTidied >= TIDY_AT_MOST_EVERY.toNanos()) {
            lastTidied = now;
            work.execute(this::tidy);
        }
    }

    private void tidy() {
        long committed = memory.getHeapMemoryUsage().getCommitted();
        if (grewByHalf(committed, committedAfterCompacting)) {
            System.gc();
            committedAfterCompacting = memory.getHeapMemoryUsage().getCommitted();
            log.info("The server is quiet after a burst: its heap went from {} MB to {} MB", committed >> 20,
                    committedAfterCompacting >> 20);
        }
        trimNativeHeap();
    }

    /** Whether the heap grew by half, and by 32 MB, since it was last compacted. */
    static boolean grewByHalf(long committed, long committedAfterCompacting) {
        return committed - committedAfterCompacting >= MIN_GROWTH_BYTES
                && committed >= committedAfterCompacting + committedAfterCompacting / 2;
    }

    /** The JVM's {@code System.trim_native_heap} (glibc's malloc_trim), where the JVM has it. */
    private void trimNativeHeap() {
        if (!canTrimNativeHeap) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException | RuntimeException unsupported) {
            canTrimNativeHeap = false;
            log.debug("This JVM cannot give back its C heap's free memory: {}", unsupported.toString());
        }
    }
}
