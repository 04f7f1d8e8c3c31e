package org.layerlab.graph.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.project.TrainingSettings;

class PropertyHelpTest {
    @Test
    void everyPropertyTheInspectorShowsIsExplained() {
        Set<String> missing = new TreeSet<>();
        for (LayerCatalog.Entry e : LayerCatalog.entries()) {
            for (RecordProperties.Property p : RecordProperties.properties(e.defaults())) if (PropertyHelp.of(e.defaults().getClass(), p.name()) == null) missing.add(p.name());
        }
        for (RecordProperties.Property p : RecordProperties.properties(TrainingSettings.defaults())) if (PropertyHelp.of(p.name()) == null) missing.add(p.name());
        assertThat(missing).as("properties without an explanation").isEmpty();
        // a record type's own explanation wins over the shared one
        assertThat(PropertyHelp.of(BidirectionalSpec.class, "mode")).contains("CONCAT");
        assertThat(PropertyHelp.of(Pool2DSpec.class, "mode")).contains("MAX");
        assertThat(PropertyHelp.of(Conv2DSpec.class, "dilation")).contains("floor((n − d(f−1) − 1)/s) + 1");
    }
}
