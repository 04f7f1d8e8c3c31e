package org.layerlab.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Synthetic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

class TrainerThreadsTest {

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** Where one run's samples arrived: the thread and its name at the time. */
    private record Seen(List<Thread> threads, List<String> names) {}

    private static Seen train(String name) throws Exception {
        Dataset xor = Synthetic.xor(25, 0.05, 1);
        TrainingSettings s = TrainingRunTest.settings(TrainingSettings.Optimizer.ADAM, 0.05, 20, 2);
        Seen seen = new Seen(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        TrainingRun run = new TrainingRun(name, GraphCompiler.compile(TrainingRunTest.xorMlp(8), s), s, xor, null, sample -> {
            seen.threads().add(Thread.currentThread());
            seen.names().add(Thread.currentThread().getName());
        }, 5);
        run.start();
        assertThat(run.await(30_000)).isTrue();
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        assertThat(seen.threads()).isNotEmpty().allMatch(t -> t == seen.threads().get(0));
        return seen;
    }

    @Test
    void aRunStartsOnTheThreadTheLastRunEndedOnNamedForItWhileItRuns() throws Exception {
        Seen first = train("first"), second = train("second");
        Thread t = first.threads().get(0);
        assertThat(second.threads().get(0)).isSameAs(t);
        assertThat(first.names()).allMatch(n -> n.startsWith("layerlab-train-") && n.endsWith("-first"));
        assertThat(second.names()).allMatch(n -> n.startsWith("layerlab-train-") && n.endsWith("-second"));
        // between runs the thread waits, under its idle name
        assertThat(t.isAlive()).isTrue();
        assertThat(t.getName()).startsWith(TrainerThreads.IDLE_NAME);
        assertThat(TrainerThreads.idle()).isPositive();
    }

    @Test
    void controlWithTheSwitchOffEachRunGetsANewThreadThatEnds() throws Exception {
        System.setProperty(TrainerThreads.OFF, "true");
        try {
            Thread a = train("a").threads().get(0), b = train("b").threads().get(0);
            assertThat(b).isNotSameAs(a);
            a.join(10_000);
            assertThat(a.isAlive()).isFalse();
        } finally {
            System.clearProperty(TrainerThreads.OFF);
        }
    }

    /** The live thread that carries {@code name}, while an EpochBatches of that name is open. */
    private static Thread named(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Thread cutterOf(String name) throws Exception {
        Dataset data = Synthetic.spiral(20, 3, 0.05, 3);
        try (EpochBatches source = new EpochBatches(data, 16, 7, name)) {
            EpochBatches.Epoch epoch = source.prepare(0);
            for (int b = 0; b < epoch.count(); b++) assertThat(epoch.next().size()).isPositive();
            return named(name);
        }
    }

    @Test
    void batchesOfConsecutiveRunsAreCutOnOneKeptThread() throws Exception {
        Thread first = cutterOf("cutter-first"), second = cutterOf("cutter-second");
        assertThat(second).isSameAs(first);
        assertThat(first.getName()).startsWith(TrainerThreads.IDLE_NAME);
        System.setProperty(TrainerThreads.OFF, "true");
        try { // the control: a new thread per cutter
            assertThat(cutterOf("cutter-third")).isNotSameAs(first);
        } finally {
            System.clearProperty(TrainerThreads.OFF);
        }
    }

    @Test
    void nothingARunLeavesOnItsThreadReachesTheNext() throws Exception {
        Thread[] on = new Thread[2];
        Object[] found = new Object[2];
        TrainerThreads.start(() -> {
            on[0] = Thread.currentThread();
            // a run that failed inside a workspace scope and was interrupted
            MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace("left-open");
            assertThat(Nd4j.getMemoryManager().getCurrentWorkspace()).isSameAs(ws);
            Thread.currentThread().interrupt();
        }, "leaves").await(10, TimeUnit.SECONDS);
        TrainerThreads.start(() -> {
            on[1] = Thread.currentThread();
            found[0] = Nd4j.getMemoryManager().getCurrentWorkspace();
            found[1] = Thread.currentThread().isInterrupted();
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }, "finds").await(10, TimeUnit.SECONDS);
        assertThat(on[1]).isSameAs(on[0]);
        assertThat(found[0]).isNull();
        assertThat(found[1]).isEqualTo(false);
    }

    @Test
    void aThreadWhoseWorkThrewStaysUsable() throws Exception {
        Thread[] on = new Thread[2];
        TrainerThreads.start(() -> {
            on[0] = Thread.currentThread();
            throw new IllegalStateException("expected by the test");
        }, "throws").await(10, TimeUnit.SECONDS);
        assertThat(TrainerThreads.start(() -> on[1] = Thread.currentThread(), "after").await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(on[1]).isSameAs(on[0]);
    }
}
