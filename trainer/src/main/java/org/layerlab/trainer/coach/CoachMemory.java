package org.layerlab.trainer.coach;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the coach's findings steady: a finding stays shown until its condition has been clear for
 * {@code holdMillis} (a dead-unit or overfitting warning that flickers with every batch teaches
 * nothing). A finding seen again is shown with its newest numbers. One per run; not thread-safe.
 */
public final class CoachMemory {
    private record Held(Coach.Finding finding, long lastSeen) {}

    private final long holdMillis;
    private final Map<String, Held> held = new LinkedHashMap<>();

    public CoachMemory(long holdMillis) {
        this.holdMillis = holdMillis;
    }

    /** The findings of this assessment plus those seen within the hold time, most severe first. */
    public List<Coach.Finding> update(List<Coach.Finding> now, long nowMillis) {
        for (Coach.Finding f : now) held.put(f.layer() + "/" + f.advice().kind(), new Held(f, nowMillis));
        held.values().removeIf(h -> nowMillis - h.lastSeen() > holdMillis);
        List<Coach.Finding> out = new ArrayList<>();
        for (Held h : held.values()) out.add(h.finding());
        out.sort(java.util.Comparator.comparing((Coach.Finding f) -> f.advice().kind())
                .thenComparing(f -> f.advice().level(), java.util.Comparator.reverseOrder()));
        return out;
    }
}
