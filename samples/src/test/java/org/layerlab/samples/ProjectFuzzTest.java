package org.layerlab.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.lesson.LessonFiles;
import org.layerlab.graph.lesson.LessonSource;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.project.ProjectFormatException;

/**
 * Issue 20: a seeded fuzzer mutates every starter sample and every lesson project 12,000 times —
 * byte flips, truncation, deleted and duplicated fields, swapped types, huge, negative and
 * non-numeric numbers, deep nesting, long strings, invalid UTF-8. Each file either opens or is
 * refused with a message that names the file and the place, in plain words: nothing else may
 * escape, and no parser jargon may show.
 */
class ProjectFuzzTest {
    static final int MUTATIONS = Integer.getInteger("fuzz.mutations", 12_000);
    static final List<String> JARGON = List.of("Source:", "REDACTED", "Feature", "Constraints", "`", "com.fasterxml", "java.",
            "JsonToken", "START_", "END_", "Exception", "null pointer", "at [");
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void mutatedProjectsOpenOrAreRefusedInPlainWordsNamingThePlace(@TempDir Path dir) throws Exception {
        List<String> seeds = new ArrayList<>();
        for (Sample s : StarterSamples.all()) seeds.add(ProjectFiles.toJson(s.project()));
        for (LessonSource l : BuiltInLessons.all()) {
            var lesson = LessonFiles.load(l);
            for (var v : lesson.variants()) seeds.add(l.read(v.project()));
        }
        Random r = new Random(2026);
        int opened = 0, refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String seed = seeds.get(r.nextInt(seeds.size()));
            int kind = r.nextInt(10);
            String source = "fuzz-" + i + ".layerlab";
            try {
                if (kind == 9) {
                    // invalid UTF-8 bytes written to a file and read as a project would be
                    byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
                    int at = r.nextInt(bytes.length);
                    bytes[at] = (byte) (0x80 | r.nextInt(0x40));
                    Path f = dir.resolve(source);
                    Files.write(f, bytes);
                    ProjectFiles.read(f);
                } else {
                    var p = ProjectFiles.fromJson(mutate(seed, kind, r), source);
                    // what opens is analysed and summarized without a crash, however odd its numbers
                    org.layerlab.graph.shape.ShapeInference.analyze(p.graph());
                    org.layerlab.graph.shape.Summary.of(p.graph());
                }
                opened++;
            } catch (ProjectFormatException e) {
                refused++;
                String m = e.getMessage();
                assertThat(m).as("mutation %d (kind %d)", i, kind).contains(source).hasSizeLessThan(2_000);
                for (String j : JARGON) assertThat(m).as("mutation %d (kind %d): %s", i, kind, m).doesNotContain(j);
            } catch (Throwable t) {
                fail("mutation " + i + " (kind " + kind + ") escaped as " + t, t);
            }
        }
        System.out.printf("FUZZ: %d mutated projects: %d opened, %d refused with a message%n", MUTATIONS, opened, refused);
        assertThat(refused).isGreaterThan(MUTATIONS / 2);
    }

    static String mutate(String seed, int kind, Random r) throws Exception {
        switch (kind) {
            case 0 -> { // flip a character
                char[] c = seed.toCharArray();
                c[r.nextInt(c.length)] = "{}[]\":,0123456789-eE. tfnx\\\n\u0000\u2028".charAt(r.nextInt(25));
                return new String(c);
            }
            case 1 -> { // cut off
                return seed.substring(0, r.nextInt(seed.length()));
            }
            default -> { }
        }
        JsonNode root = MAPPER.readTree(seed);
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(root, containers);
        ContainerNode<?> target = containers.get(r.nextInt(containers.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (kind) {
            case 2 -> { // delete a field or element
                if (target instanceof ObjectNode o && o.size() > 0) o.remove(fieldNames(o).get(r.nextInt(o.size())));
                else if (target instanceof ArrayNode a && a.size() > 0) a.remove(r.nextInt(a.size()));
            }
            case 3 -> { // duplicate a field (textually: JSON trees cannot hold two)
                if (target instanceof ObjectNode o && o.size() > 0) {
                    String name = fieldNames(o).get(r.nextInt(o.size()));
                    String text = MAPPER.writeValueAsString(root);
                    String key = "\"" + name + "\":";
                    int at = text.indexOf(key);
                    if (at >= 0) return text.substring(0, at) + key + "1," + text.substring(at);
                }
            }
            case 4, 5, 6, 7, 8 -> { // replace a value: another type, an extreme number, deep nesting, a long string
                JsonNode replacement = switch (kind) {
                    case 4 -> List.<JsonNode>of(f.textNode("x"), f.numberNode(3), f.booleanNode(true), f.nullNode(), f.arrayNode(), f.objectNode())
                            .get(r.nextInt(6));
                    case 5 -> List.<JsonNode>of(f.numberNode(1e308), f.numberNode(-5), f.numberNode(1L << 40), f.numberNode(-1e-300),
                            f.numberNode(Long.MIN_VALUE), f.numberNode(0)).get(r.nextInt(6));
                    case 6 -> f.textNode("@@DEEP@@"); // nested below, as text: the writer itself refuses deep trees
                    case 7 -> f.textNode("ä".repeat(50_000 + r.nextInt(200_000)));
                    default -> f.textNode("NaN");
                };
                if (target instanceof ObjectNode o && o.size() > 0) o.set(fieldNames(o).get(r.nextInt(o.size())), replacement);
                else if (target instanceof ArrayNode a && a.size() > 0) a.set(r.nextInt(a.size()), replacement);
                if (kind == 8) return MAPPER.writeValueAsString(root).replace("\"NaN\"", r.nextBoolean() ? "NaN" : "-Infinity");
                if (kind == 6) {
                    int depth = 1_200 + r.nextInt(2_000);
                    return MAPPER.writeValueAsString(root).replace("\"@@DEEP@@\"", "[".repeat(depth) + "]".repeat(depth));
                }
            }
            default -> { }
        }
        return MAPPER.writeValueAsString(root);
    }

    private static void collect(JsonNode n, List<ContainerNode<?>> out) {
        if (n instanceof ContainerNode<?> c) out.add(c);
        for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) collect(it.next(), out);
    }

    private static List<String> fieldNames(ObjectNode o) {
        List<String> names = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) names.add(it.next().getKey());
        return names;
    }
}
