package org.layerlab.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.layerlab.trainer.backend.NativeHeap;

/**
 * The peer's process gets its own best settings, whatever this process's environment holds: the C
 * allocator settings LayerLab gives itself (without them torch page-faulted its large blocks in at every
 * step and trained the MLP 3–4× slower), its OpenMP and OpenBLAS settings, and no inherited OpenBLAS
 * kernel pin. Needs no torch: only the process is built, not started.
 */
class TorchPeerTest {
    @Test
    void thePeerRunsWithLayerLabsAllocatorSettingsAndItsOwnThreads() throws Exception {
        ProcessBuilder pb = new TorchPeer().process(BenchModels.all().get(0), 1);
        Map<String, String> env = pb.environment();
        assertThat(NativeHeap.environment()).containsOnlyKeys("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_");
        assertThat(env).containsAllEntriesOf(NativeHeap.environment())
                .containsEntry("MALLOC_TRIM_THRESHOLD_", String.valueOf(256 << 20))
                .containsEntry("OMP_WAIT_POLICY", "ACTIVE")
                .containsEntry("OPENBLAS_NUM_THREADS", "1")
                .containsEntry("LAYERLAB_TORCH_THREADS", "2")
                .doesNotContainKeys("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OMP_NUM_THREADS");
        assertThat(pb.command()).startsWith(TorchPeer.PYTHON.toString()).contains("mlp");
    }
}
