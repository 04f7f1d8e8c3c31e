package org.layerlab.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Synthetic;

/** The batches' look-ahead and their release after training (the seeded order itself: TrainingRunTest). */
class EpochBatchesTest {
    private static final String OFF = "layerlab.batchRecycling.off";

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** Waits until {@code done} holds, at most {@code seconds}. */
    private static void waitUntil(java.util.function.BooleanSupplier done, long seconds) throws InterruptedException {
        for (long end = System.nanoTime() + seconds * 1_000_000_000L; !done.getAsBoolean() && System.nanoTime() < end; ) Thread.sleep(5);
    }

    /** Waits until the epoch has cut {@code n} batches (at most 10 s) and returns how many it has cut. */
    private static int awaitCut(EpochBatches.Epoch epoch, int n) throws InterruptedException {
        waitUntil(() -> epoch.cut() >= n, 10);
        return epoch.cut();
    }

    private static int cutAheadWhileNothingIsTaken() throws Exception {
        try (EpochBatches source = new EpochBatches(Synthetic.spiral(40, 3, 0.05, 3), 2, 7, "test-batches")) {
            EpochBatches.Epoch epoch = source.prepare(0); // 60 batches (120 examples)
            awaitCut(epoch, EpochBatches.AHEAD + 1);
            Thread.sleep(150); // time enough for an unbounded cutter to run on
            int ahead = epoch.cut();
            epoch.next();
            awaitCut(epoch, Math.min(ahead + 1, epoch.count())); // taking one makes room for one more
            return ahead;
        }
    }

    @Test
    void cuttingStaysAFewBatchesAheadOfTraining() throws Exception {
        // the one batch beyond the queue's room is the cutter's, cut and waiting to be handed over
        assertThat(cutAheadWhileNothingIsTaken()).isEqualTo(EpochBatches.AHEAD + 1);
    }

    @Test
    void negativeControlWithoutTheLookAheadTheWholeEpochIsCut() throws Exception {
        System.setProperty(OFF, "true");
        try {
            assertThat(cutAheadWhileNothingIsTaken()).isEqualTo(60);
        } finally {
            System.clearProperty(OFF);
        }
    }

    private static List<Boolean> freedAfterDone() throws Exception {
        Dataset data = Synthetic.spiral(23, 3, 0.05, 3);
        List<org.nd4j.linalg.dataset.DataSet> expected = data.shuffled(7).batches(4);
        try (EpochBatches source = new EpochBatches(data, 4, 7, "test-batches")) {
            EpochBatches.Epoch epoch = source.prepare(0);
            List<Boolean> freed = new java.util.ArrayList<>();
            for (org.nd4j.linalg.dataset.DataSet want : expected) {
                Dataset got = epoch.next();
                // batches cut into memory a trained batch gave back still hold their own rows
                assertThat(got.features()).isEqualTo(want.getFeatures());
                assertThat(got.labels()).isEqualTo(want.getLabels());
                epoch.done(got);
                freed.add(got.features().wasClosed() && got.labels().wasClosed());
            }
            assertThat(data.features().wasClosed()).isFalse();
            return freed;
        }
    }

    @Test
    void aTrainedBatchIsFreedAtOnceAndTheNextBatchesStayRight() throws Exception {
        assertThat(freedAfterDone()).hasSize(18).containsOnly(true); // 69 examples in batches of 4
    }

    @Test
    void negativeControlWithoutRecyclingTrainedBatchesWaitForTheCollector() throws Exception {
        System.setProperty(OFF, "true");
        try {
            assertThat(freedAfterDone()).hasSize(18).containsOnly(false);
        } finally {
            System.clearProperty(OFF);
        }
    }

    @Test
    void closingWhileTheCutterWaitsForRoomEndsItsWork() throws Exception {
        EpochBatches source = new EpochBatches(Synthetic.spiral(40, 3, 0.05, 3), 2, 7, "test-batches-closed");
        EpochBatches.Epoch epoch = source.prepare(0);
        awaitCut(epoch, EpochBatches.AHEAD + 1);
        long t0 = System.nanoTime();
        source.close();
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5.0); // close waits up to 10 s for a cutter that never stops
        assertThat(epoch.cut()).isEqualTo(EpochBatches.AHEAD + 1);
    }

    @Test
    void aCutterInterruptedWhileItWaitsForRoomFailsTheEpochInsteadOfLeavingTrainingWaiting() throws Exception {
        try (EpochBatches source = new EpochBatches(Synthetic.spiral(40, 3, 0.05, 3), 2, 7, "test-batches-interrupted")) {
            EpochBatches.Epoch epoch = source.prepare(0);
            awaitCut(epoch, EpochBatches.AHEAD + 1); // the queue is full and the cutter waits with one more batch
            Thread cutter = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("test-batches-interrupted"))
                    .findFirst().orElseThrow();
            cutter.interrupt();
            // wait until the cutter has seen the interrupt and given up its work: had a batch been taken first,
            // its wait for room could end as signalled, hand over the batch it holds, and fail one batch later
            waitUntil(() -> !cutter.getName().equals("test-batches-interrupted"), 5);
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
                for (int i = 0; i < EpochBatches.AHEAD; i++) epoch.next(); // the batches cut before still arrive
                org.assertj.core.api.Assertions.assertThatThrownBy(epoch::next)
                        .isInstanceOf(java.util.concurrent.ExecutionException.class).hasMessageContaining("interrupted");
            });
        }
    }
}
