package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.layerlab.trainer.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pieces of work run beside the caller in the order they were started, on the helper thread, and the
 * caller sees their results and failures; a dense layer's two backward products give the same results
 * side by side as one after the other.
 */
class SideWorkTest {

    @Test
    void piecesRunInOrderOnTheHelperAndAwaitSeesTheirWork() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "a second core");
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        SideWork.Piece first = SideWork.start(() -> {
            try {
                release.await(10, TimeUnit.SECONDS); // holds the helper: the later pieces must wait behind it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            order.add(0);
        });
        SideWork.Piece[] rest = new SideWork.Piece[5];
        for (int i = 0; i < rest.length; i++) {
            int k = i + 1;
            rest[i] = SideWork.start(() -> {
                order.add(k);
                threads.add(Thread.currentThread().getName());
            });
        }
        assertThat(order).isEmpty(); // started, not run here
        release.countDown();
        SideWork.awaitAll(rest);
        first.await();
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(threads).containsOnly("layerlab-side-work");
    }

    @Test
    void controlWithTheHelperOffPiecesRunOnTheCaller() {
        long before = SideWork.piecesOnHelper();
        List<String> threads = new CopyOnWriteArrayList<>();
        System.setProperty(SideWork.OFF, "true");
        try {
            SideWork.awaitAll(SideWork.start(() -> threads.add(Thread.currentThread().getName())));
        } finally {
            System.clearProperty(SideWork.OFF);
        }
        assertThat(threads).containsExactly(Thread.currentThread().getName());
        assertThat(SideWork.piecesOnHelper()).isEqualTo(before);
    }

    @Test
    void aPiecesFailureReachesTheCallerAfterEveryPieceIsDone() {
        List<Integer> done = new CopyOnWriteArrayList<>();
        SideWork.Piece bad = SideWork.start(() -> {
            throw new IllegalStateException("piece failed");
        });
        SideWork.Piece good = SideWork.start(() -> done.add(1));
        assertThatThrownBy(() -> SideWork.awaitAll(bad, good)).isInstanceOf(IllegalStateException.class).hasMessage("piece failed");
        assertThat(done).containsExactly(1);
        SideWork.awaitQuietly(SideWork.start(() -> {
            throw new IllegalStateException("dropped");
        })); // a caller that is failing already keeps its own failure
    }

    /** LeNet's 800→500 dense layer, batch 64: its two backward products side by side, the same bit for bit as one after the other. */
    @Test
    void aDenseLayersBackwardProductsRunSideBySideWithTheSameResults() {
        Backend.init();
        Nd4j.getRandom().setSeed(12);
        INDArray input = Nd4j.randn(DataType.FLOAT, 64, 800), weights = Nd4j.randn(DataType.FLOAT, 800, 500);
        INDArray delta = Nd4j.randn(DataType.FLOAT, 64, 500);
        double[] deltaValues = delta.data().asDouble();
        INDArray[][] got = new INDArray[2][];
        for (int off = 0; off < 2; off++) {
            long before = SideWork.piecesOnHelper();
            INDArray weightGrad = Nd4j.create(DataType.FLOAT, 800, 500), biasGrad = Nd4j.create(DataType.FLOAT, 1, 500);
            INDArray epsilon = Nd4j.create(DataType.FLOAT, 64, 800);
            if (off == 1) System.setProperty(SideWork.OFF, "true");
            try {
                DenseProducts.backward(input, weights, delta, deltaValues, weightGrad, biasGrad, epsilon);
            } finally {
                System.clearProperty(SideWork.OFF);
            }
            long helped = SideWork.piecesOnHelper() - before;
            if (Runtime.getRuntime().availableProcessors() > 1) assertThat(helped).as("pieces on the helper, off = %d", off).isEqualTo(off == 0 ? 1 : 0);
            got[off] = new INDArray[] {weightGrad, biasGrad, epsilon};
        }
        for (int i = 0; i < 3; i++) assertThat(got[0][i].data().asFloat()).isEqualTo(got[1][i].data().asFloat());
        // and they are the products: against ND4J's own
        assertThat(got[0][0].equalsWithEps(input.transpose().mmul(delta), 1e-3)).isTrue();
        assertThat(got[0][2].equalsWithEps(delta.mmul(weights.transpose()), 1e-3)).isTrue();
    }
}
