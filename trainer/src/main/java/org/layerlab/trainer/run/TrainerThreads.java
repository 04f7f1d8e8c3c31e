package org.layerlab.trainer.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The threads training runs execute on (and cut their batches on, {@link EpochBatches}), kept between
 * runs: a run starts on the thread the last run ended on when that one is idle (an idle thread waits up
 * to half an hour). Why: glibc's malloc gives each new thread one of up to eight arenas per core, in
 * turn, and a run's native arrays (ND4J's, oneDNN's scratch memory) come from its thread's arena. On a
 * new thread a run usually lands on an arena that never held its arrays and touches every page of them
 * afresh — on the residual CNN here ≈ 25 k page faults (100 MB) a run and a first batch of 180–330 ms
 * instead of 80–110 — while the memory earlier runs freed sits in their arenas, the process growing by
 * about an arena's worth per run until all sixteen hold one. On the last run's thread a run reuses what
 * its predecessor freed. {@code -Dlayerlab.keptThreads.off=true} starts a new thread per run (for
 * comparisons).
 */
final class TrainerThreads {
    private TrainerThreads() {}

    static final String IDLE_NAME = "layerlab-trainer-idle-";
    static final String OFF = "layerlab.keptThreads.off";
    private static final long IDLE_MINUTES = 30;
    private static final AtomicInteger COUNT = new AtomicInteger();
    /** Idle workers, the most recently used first. */
    private static final Deque<Worker> IDLE = new ArrayDeque<>();

    /**
     * Runs {@code work} on the most recently idle thread (or a new one), named {@code name} while it
     * runs; the latch opens when it is done, by which time its thread is idle again.
     */
    static CountDownLatch start(Runnable work, String name) {
        CountDownLatch done = new CountDownLatch(1);
        if (Boolean.getBoolean(OFF)) {
            Thread t = new Thread(() -> runAs(work, name, done), IDLE_NAME + COUNT.incrementAndGet());
            t.setDaemon(true);
            t.start();
            return done;
        }
        Worker w;
        synchronized (IDLE) {
            w = IDLE.pollFirst();
        }
        if (w == null) w = new Worker();
        w.mailbox.add(() -> runAs(work, name, done));
        return done;
    }

    private static void runAs(Runnable work, String name, CountDownLatch done) {
        Thread t = Thread.currentThread();
        String idle = t.getName();
        t.setName(name);
        try {
            work.run();
        } finally {
            // nothing of this run may reach the next one on this thread
            Nd4j.getMemoryManager().setCurrentWorkspace(null);
            Thread.interrupted();
            t.setName(idle);
            if (t instanceof Worker w) {
                synchronized (IDLE) {
                    IDLE.addFirst(w);
                }
            }
            done.countDown();
        }
    }

    /** Idle threads waiting for a run (tests). */
    static int idle() {
        synchronized (IDLE) {
            return IDLE.size();
        }
    }

    private static final class Worker extends Thread {
        private final BlockingQueue<Runnable> mailbox = new LinkedBlockingQueue<>();

        Worker() {
            super(IDLE_NAME + COUNT.incrementAndGet());
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            while (true) {
                Runnable job;
                try {
                    job = mailbox.poll(IDLE_MINUTES, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    job = null;
                }
                if (job == null) {
                    synchronized (IDLE) {
                        // not in the idle list any more: a run was handed to this thread and is on its way
                        if (IDLE.remove(this)) return;
                    }
                    continue;
                }
                try {
                    job.run();
                } catch (RuntimeException | Error e) { // reported, and the thread (already idle again) stays usable
                    getUncaughtExceptionHandler().uncaughtException(this, e);
                }
            }
        }
    }
}
