package org.layerlab.graph.lesson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.layerlab.graph.project.ProjectFormatException;

/**
 * Reads {@code lesson.json}. A malformed lesson is treated as a malformed project: one message
 * naming the file, the field (as a path like {@code checks[1].left.metric}) and the fix. The format
 * is documented in docs/lessons.md. Pure; any thread.
 */
public final class LessonFiles {
    public static final int FORMAT = 1;
    public static final String FILE = "lesson.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The Train tab's views, and the Learn tab's own: activation plots (lesson 2), one example stepped through (6), the loss surface (12). */
    private static final Set<String> VIEWS = Set.of("curves", "histograms", "feature maps", "predictions", "lr finder",
            "activations", "step-through", "loss surface");

    private LessonFiles() {}

    /**
     * Reads a lesson from its folder: lesson.json, lesson.md, and every project it names, each of which
     * must parse (so a broken lesson is refused when opened, not halfway through a class).
     */
    public static Lesson load(LessonSource src) throws ProjectFormatException {
        String json = readOrExplain(src, FILE, "a lesson folder holds lesson.json (see docs/lessons.md)");
        String md = readOrExplain(src, "lesson.md", "add lesson.md with the lesson's text (what to do, what to watch, why)");
        Lesson l = parse(json, src.name() + "/" + FILE, md);
        Set<String> files = new LinkedHashSet<>();
        l.variants().forEach(v -> files.add(v.project()));
        files.addAll(l.control().projects().values());
        for (String f : files) project(src, f);
        return l;
    }

    /** A project of the lesson, read and checked like any project file. */
    public static org.layerlab.graph.project.Project project(LessonSource src, String file) throws ProjectFormatException {
        return org.layerlab.graph.project.ProjectFiles.fromJson(readOrExplain(src, file, "the lesson names it; add the file or fix the name"),
                src.name() + "/" + file);
    }

    private static String readOrExplain(LessonSource src, String file, String fix) throws ProjectFormatException {
        try {
            return src.read(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ProjectFormatException(src.name() + "/" + file + ": there is no such file; " + fix, "", -1, -1, e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ProjectFormatException(src.name() + "/" + file + ": not a text file (invalid UTF-8)", "", -1, -1, e);
        } catch (java.io.IOException e) {
            throw new ProjectFormatException(src.name() + "/" + file + ": cannot read the file (" + e.getMessage() + ")", "", -1, -1, e);
        }
    }

    /**
     * @param source how messages name the file ("lessons/14-vanishing/lesson.json")
     * @param text the lesson's Markdown (lesson.md), already read
     */
    public static Lesson parse(String json, String source, String text) throws ProjectFormatException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ProjectFormatException(source + (loc == null ? "" : ", line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": this is not valid JSON (check the brackets, commas and quotes around there)", "", loc == null ? -1 : loc.getLineNr(),
                    loc == null ? -1 : loc.getColumnNr(), e);
        }
        Reader r = new Reader(source);
        if (root == null || !root.isObject()) throw r.error("", "a lesson file holds one object {...} with \"format\": " + FORMAT);
        int format = r.integer(root, "format", 1, Integer.MAX_VALUE);
        if (format > FORMAT) throw r.error("format", "written for lesson format " + format + " by a newer LayerLab; this version reads " + FORMAT);
        String id = r.text(root, "id");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) throw r.error("id", "'" + id + "' must be lowercase letters, digits and dashes, e.g. \"14-vanishing-gradients\"");
        int number = r.integer(root, "number", 1, 999);
        String chapter = r.text(root, "chapter");
        String title = r.text(root, "title");
        String question = r.text(root, "question");
        int iterations = r.integer(root, "iterations", 1, 1_000_000);

        List<Lesson.Variant> variants = new ArrayList<>();
        JsonNode vs = r.array(root, "variants");
        if (vs.isEmpty()) throw r.error("variants", "a lesson needs at least one variant: {\"name\": \"relu\", \"project\": \"relu.layerlab\"}");
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < vs.size(); i++) {
            String at = "variants[" + i + "]";
            String name = r.text(vs.get(i), at, "name");
            if (!names.add(name)) throw r.error(at + ".name", "two variants are named '" + name + "'; give each its own name");
            variants.add(new Lesson.Variant(name, r.projectFile(vs.get(i), at, "project")));
        }
        List<String> views = new ArrayList<>();
        JsonNode vw = root.get("views");
        if (vw != null) {
            if (!vw.isArray()) throw r.error("views", "expected a list like [\"curves\", \"histograms\"]");
            for (int i = 0; i < vw.size(); i++) {
                String v = vw.get(i).asText("");
                if (!VIEWS.contains(v)) throw r.error("views[" + i + "]", "unknown view '" + v + "'; known: " + String.join(", ", new java.util.TreeSet<>(VIEWS)));
                views.add(v);
            }
        }
        List<Lesson.Check> checks = new ArrayList<>();
        JsonNode cs = r.array(root, "checks");
        if (cs.isEmpty()) throw r.error("checks", "a lesson needs at least one check; see docs/lessons.md");
        for (int i = 0; i < cs.size(); i++) checks.add(r.check(cs.get(i), "checks[" + i + "]", names));

        JsonNode c = root.get("control");
        if (c == null || !c.isObject()) throw r.error("control", "every lesson needs a control: {\"removes\": \"…\", \"projects\": "
                + "{\"" + variants.get(0).name() + "\": \"other.layerlab\"}}, the same experiment without its key difference");
        Map<String, String> swap = new LinkedHashMap<>();
        JsonNode ps = c.get("projects");
        if (ps == null || !ps.isObject() || ps.isEmpty()) throw r.error("control.projects", "name at least one variant and the project it trains in the control");
        for (var it = ps.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!names.contains(e.getKey())) throw r.error("control.projects." + e.getKey(), "no variant is named '" + e.getKey() + "'; variants: " + String.join(", ", names));
            swap.put(e.getKey(), r.projectFile(ps, "control.projects", e.getKey()));
        }
        Lesson.Control control = new Lesson.Control(r.text(c, "control", "removes"), swap);
        return new Lesson(id, number, chapter, title, question, text == null ? "" : text, variants, iterations, views, checks, control);
    }

    /** Field readers that know where they are, for messages. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        ProjectFormatException error(String path, String message) {
            return new ProjectFormatException(source + (path.isEmpty() ? "" : ", at " + path) + ": " + message, path, -1, -1, null);
        }

        String text(JsonNode o, String field) throws ProjectFormatException {
            return text(o, "", field);
        }

        String text(JsonNode o, String at, String field) throws ProjectFormatException {
            String path = at.isEmpty() ? field : at + "." + field;
            JsonNode n = o == null ? null : o.get(field);
            if (n == null) throw error(path, "required field \"" + field + "\" is missing; add it");
            if (!n.isTextual() || n.asText().isBlank()) throw error(path, "expected a text such as \"…\", found " + n);
            return n.asText();
        }

        int integer(JsonNode o, String field, int min, int max) throws ProjectFormatException {
            JsonNode n = o.get(field);
            if (n == null) throw error(field, "required field \"" + field + "\" is missing; add it");
            if (!n.canConvertToInt() || !n.isIntegralNumber()) throw error(field, "expected a whole number, found " + n);
            int v = n.intValue();
            if (v < min || v > max) throw error(field, field + " = " + v + " is outside " + min + " … " + max);
            return v;
        }

        JsonNode array(JsonNode o, String field) throws ProjectFormatException {
            JsonNode n = o.get(field);
            if (n == null) throw error(field, "required field \"" + field + "\" is missing; add a list [...]");
            if (!n.isArray()) throw error(field, "expected a list [...], found " + n.getNodeType().name().toLowerCase());
            return n;
        }

        String projectFile(JsonNode o, String at, String field) throws ProjectFormatException {
            String f = text(o, at, field);
            if (!f.endsWith(".layerlab") || f.contains("/") || f.contains("\\") || f.startsWith("."))
                throw error(at + "." + field, "'" + f + "' must be the name of a .layerlab file beside lesson.json, e.g. \"relu.layerlab\"");
            return f;
        }

        Lesson.Check check(JsonNode n, String at, Set<String> variants) throws ProjectFormatException {
            if (n == null || !n.isObject()) throw error(at, "expected a check object {\"name\": …, \"left\": …, \"op\": …, \"right\": …}");
            String name = text(n, at, "name");
            Lesson.Operand left = operand(n.get("left"), at + ".left", variants);
            String opText = text(n, at, "op");
            Lesson.Op op = Arrays.stream(Lesson.Op.values()).filter(o -> o.symbol.equals(opText)).findFirst()
                    .orElseThrow(() -> error(at + ".op", "'" + opText + "' is not a comparison; use one of <, <=, >, >="));
            Lesson.Operand right = operand(n.get("right"), at + ".right", variants);
            double times = 1;
            JsonNode t = n.get("times");
            if (t != null) {
                if (!t.isNumber() || !(t.doubleValue() > 0)) throw error(at + ".times", "expected a positive number (the right side is multiplied by it), found " + t);
                times = t.doubleValue();
            }
            return new Lesson.Check(name, left, op, right, times, text(n, at, "pass"), text(n, at, "fail"));
        }

        Lesson.Operand operand(JsonNode n, String at, Set<String> variants) throws ProjectFormatException {
            if (n == null) throw error(at, "required; a number or {\"variant\": …, \"metric\": …, \"stat\": …}");
            if (n.isNumber()) return Lesson.Operand.constant(n.doubleValue());
            if (!n.isObject()) throw error(at, "expected a number or an object {\"variant\": …, \"metric\": …}, found " + n);
            String variant = text(n, at, "variant");
            if (!variants.contains(variant)) throw error(at + ".variant", "no variant is named '" + variant + "'; variants: " + String.join(", ", variants));
            String m = text(n, at, "metric");
            Lesson.Metric metric = Arrays.stream(Lesson.Metric.values()).filter(x -> x.key.equals(m)).findFirst().orElseThrow(() -> error(at + ".metric",
                    "unknown metric '" + m + "'; known: " + Arrays.stream(Lesson.Metric.values()).map(x -> x.key).collect(Collectors.joining(", "))));
            String layer = null;
            if (metric.perLayer()) layer = text(n, at, "layer");
            else if (n.has("layer")) throw error(at + ".layer", metric.key + " is not measured per layer; remove \"layer\"");
            Lesson.Stat stat = Lesson.Stat.FINAL;
            if (n.has("stat")) {
                String s = text(n, at, "stat");
                stat = Arrays.stream(Lesson.Stat.values()).filter(x -> x.key.equals(s)).findFirst().orElseThrow(() -> error(at + ".stat",
                        "unknown statistic '" + s + "'; known: " + Arrays.stream(Lesson.Stat.values()).map(x -> x.key).collect(Collectors.joining(", "))));
            }
            int window = 0;
            if (n.has("window")) {
                JsonNode w = n.get("window");
                if (!w.isIntegralNumber() || w.intValue() < 1) throw error(at + ".window", "expected a whole number of points ≥ 1 (the last N), found " + w);
                window = w.intValue();
            }
            double target = 0;
            if (metric == Lesson.Metric.ITERATIONS_TO_LOSS) {
                JsonNode t = n.get("target");
                if (t == null || !t.isNumber()) throw error(at + ".target", "iterationsToLoss needs a \"target\" loss, e.g. 0.1");
                target = t.doubleValue();
            }
            return new Lesson.Operand(variant, metric, layer, stat, window, null, target);
        }
    }
}
