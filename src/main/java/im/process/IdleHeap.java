package im.process;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * heap that shrinks to its live data plus a little, and, while the server is quiet, a collection
 * every few seconds when nothing else collects. Quiet means fewer than 20 messages a second
 * stored or delivered: under a steady load whose young collections are more than those few
 * seconds apart, G1's periodic collection would otherwise start a concurrent cycle, and its
 * remark pause, every time (docs/PERFORMANCE.md, idle memory). When such a periodic collection
 * comes and the server is still quiet, at most once a minute, a heap that grew by half since it
 * was last compacted is compacted with one full collection (the periodic ones give back only
 * part of it), and the C heap's free memory is given back to the system.
 */
@Component
class IdleHeap {

    private static final Logger log = LoggerFactory.getLogger(IdleHeap.class);

    /** Option and value, in this order: the free ratios must stay min ≤ max as each is set. */
    private static final List<String[]> OPTIONS = List.of(
            new String[] {"MinHeapFreeRatio", "10"},
            new String[] {"MaxHeapFreeRatio", "20"});
    private static final String PERIODIC = "G1PeriodicGCInterval";
    static final String PERIODIC_WHEN_QUIET = "5000";
    static final String PERIODIC_OFF = "0";
    private static final String PERIODIC_CAUSE = "G1 Periodic Collection";
    static final Duration LOOK_EVERY = Duration.ofSeconds(5);
    /** Messages stored or delivered within one look below which the server counts as quiet. */
    static final long QUIET_MESSAGES = 100;
    private static final List<String> MESSAGE_METERS = List.of("im.messages.sent", "im.messages.delivered");
    private static final Duration TIDY_AT_MOST_EVERY = Duration.ofMinutes(1);
    private static final long MIN_GROWTH_BYTES = 32L << 20;

    private final ScheduledExecutorService work;
    private final MeterRegistry meters;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private HotSpotDiagnosticMXBean vm;
    /** Written on {@link #work} only. */
    private long committedAfterCompacting;
    /**
     * The periodic collection's interval as this class last set it, or null when it is not this
     * class's to set (given at launch, or changed by someone since). This and the one below: set
     * before the looks start, then on {@link #work} only.
     */
    private String periodicSet;
    private long messagesAtLastLook;
    private volatile long lastTidied = System.nanoTime() - TIDY_AT_MOST_EVERY.toNanos();
    private volatile boolean canTrimNativeHeap = true;

    IdleHeap(@Qualifier("imTimer") ScheduledExecutorService work, MeterRegistry meters) {
        this.work = work;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void giveBackWhenIdle() {
        vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (vm == null || ManagementFactory.getGarbageCollectorMXBeans().stream()
                .noneMatch(collector -> collector.getName().startsWith("G1"))) {
            return;
        }
        for (String[] option : OPTIONS) {
            setUnlessGivenAtLaunch(option[0], option[1]);
        }
        periodicSet = setUnlessGivenAtLaunch(PERIODIC, PERIODIC_WHEN_QUIET) ? PERIODIC_WHEN_QUIET : null;
        messagesAtLastLook = messagesSoFar();
        work.scheduleWithFixedDelay(this::look, LOOK_EVERY.toMillis(), LOOK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        committedAfterCompacting = memory.getHeapMemoryUsage().getCommitted();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this::onCollection, null, null);
            }
        }
    }

    /**
     * Whether the option was not given when the JVM was launched (left at its default, or set
     * through management since, as by an earlier server in the same JVM) and is now set to the value.
     */
    private boolean setUnlessGivenAtLaunch(String name, String value) {
        try {
            VMOption.Origin origin = vm.getVMOption(name).getOrigin();
            if (origin == VMOption.Origin.DEFAULT || origin == VMOption.Origin.MANAGEMENT) {
                vm.setVMOption(name, value);
                return true;
            }
        } catch (IllegalArgumentException unsupported) {
            log.debug("The JVM does not let {} be set: {}", name, unsupported.getMessage());
        }
        return false;
    }

    /** On {@link #work}, every {@link #LOOK_EVERY}: periodic collections only while the server is quiet. */
    void look() {
        long messages = messagesSoFar();
        String wanted = messages - messagesAtLastLook < QUIET_MESSAGES ? PERIODIC_WHEN_QUIET : PERIODIC_OFF;
        messagesAtLastLook = messages;
        if (periodicSet != null && !wanted.equals(periodicSet)) {
            // Someone who changed it since (jcmd VM.set_flag) keeps it.
            periodicSet = vm.getVMOption(PERIODIC).getValue().equals(periodicSet) ? wanted : null;
            if (periodicSet != null) {
                vm.setVMOption(PERIODIC, wanted);
            }
        }
    }

    private long messagesSoFar() {
        long sum = 0;
        for (String name : MESSAGE_METERS) {
            Counter counter = meters.find(name).counter();
            sum += counter == null ? 0 : (long) counter.count();
        }
        return sum;
    }

    /** On the JVM's notification thread: a periodic collection comes when nothing else collected for a while. */
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
        if (messagesSoFar() - messagesAtLastLook >= QUIET_MESSAGES) {
            return;
        }
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
