package org.layerlab.graph.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.project.TrainingSettings;

class RecordPropertiesTest {

    @Test
    void listsPropertiesWithRangesAndChoices() {
        List<RecordProperties.Property> ps = RecordProperties.properties(Conv2DSpec.of(8, 3, 1, Padding.SAME, Activation.RELU));
        assertThat(ps).extracting(RecordProperties.Property::name)
                .containsExactly("filters", "kernelHeight", "kernelWidth", "strideHeight", "strideWidth", "padding",
                        "dilation", "activation", "useBias");
        RecordProperties.Property filters = ps.get(0);
        assertThat(filters.value()).isEqualTo(8);
        assertThat(filters.range().min()).isEqualTo(1);
        assertThat(ps.get(5).choices()).containsExactly((Object[]) Padding.values());
    }

    @Test
    void editsCoerceTextAndKeepOtherFields() {
        DenseSpec d = new DenseSpec(4, Activation.RELU, true);
        assertThat(RecordProperties.with(d, "units", "1,024")).isEqualTo(new DenseSpec(1024, Activation.RELU, true));
        assertThat(RecordProperties.with(d, "activation", "tanh")).isEqualTo(new DenseSpec(4, Activation.TANH, true));
        assertThat(RecordProperties.with(d, "useBias", "false")).isEqualTo(new DenseSpec(4, Activation.RELU, false));
        assertThat(RecordProperties.with(new DropoutSpec(0.5), "rate", "0.25")).isEqualTo(new DropoutSpec(0.25));
        assertThat(RecordProperties.with(TrainingSettings.defaults(), "seed", "12,345").seed()).isEqualTo(12_345L);
        assertThatThrownBy(() -> RecordProperties.with(TrainingSettings.defaults(), "seed", "x"))
                .hasMessageContaining("seed must be a whole number");
    }

    @Test
    void rejectsValuesOutsideTheirRange() {
        assertThatThrownBy(() -> RecordProperties.with(new DropoutSpec(0.5), "rate", 1.5))
                .hasMessage("Dropout: rate = 1.5 is outside 0 … 0.99; use a value in that range");
        assertThatThrownBy(() -> RecordProperties.with(new DropoutSpec(0.5), "rate", Double.NaN)).hasMessageContaining("outside");
        assertThatThrownBy(() -> RecordProperties.with(new DenseSpec(4, Activation.RELU, true), "units", 2.5))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> RecordProperties.with(TrainingSettings.defaults(), "learningRate", 0))
                .hasMessageContaining("TrainingSettings: learningRate = 0 is outside");
    }

    @Test
    void everyCatalogDefaultIsValid() {
        for (LayerCatalog.Entry e : LayerCatalog.entries()) {
            assertThat(RecordProperties.violations(e.defaults())).as(e.name()).isEmpty();
            assertThat(e.description()).as(e.name()).isNotBlank().endsWith(".");
        }
        assertThat(RecordProperties.violations(TrainingSettings.defaults())).isEmpty();
    }
}
