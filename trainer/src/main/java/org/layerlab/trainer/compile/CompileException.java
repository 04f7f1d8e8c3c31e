package org.layerlab.trainer.compile;

import java.util.List;
import org.layerlab.graph.shape.Problem;

/** A graph that cannot become a DL4J network, with the problems that say why (and how to fix them). */
public class CompileException extends Exception {
    private final List<Problem> problems;

    public CompileException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        StringBuilder sb = new StringBuilder("the graph cannot be trained yet:");
        for (Problem p : problems) sb.append("\n  - ").append(p.message());
        return sb.toString();
    }
}
