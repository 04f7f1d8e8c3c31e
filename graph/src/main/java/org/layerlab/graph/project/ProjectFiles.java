package org.layerlab.graph.project;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.spec.LayerSpec;
import org.layerlab.graph.spec.RecordProperties;

/**
 * Reads and writes {@code *.layerlab} files. Reading never lets a parser exception reach the user:
 * every failure becomes a {@link ProjectFormatException} naming the field and, where JSON gives one,
 * the line and column. Writing is atomic (temp file, fsync, rename). Any thread.
 */
public final class ProjectFiles {

    private static final ObjectMapper MAPPER = createMapper();

    private ProjectFiles() {}

    private static ObjectMapper createMapper() {
        ObjectMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        // "5" is not a number and 1 is not a boolean: a hand-edited file must say what it means.
        for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return m;
    }

    /** The project as JSON text, ending with a newline. */
    public static String toJson(Project p) {
        List<ProjectFile.NodeJson> nodes = new ArrayList<>();
        for (Node n : p.graph().nodes()) nodes.add(new ProjectFile.NodeJson(n.id(), n.x(), n.y(), n.spec()));
        List<ProjectFile.EdgeJson> edges = new ArrayList<>();
        for (Edge e : p.graph().edges()) edges.add(new ProjectFile.EdgeJson(e.from(), e.to(), e.port()));
        ProjectFile f = new ProjectFile(Project.FORMAT, p.name(), new ProjectFile.GraphJson(nodes, edges),
                p.view(), p.dataset(), p.training());
        try {
            com.fasterxml.jackson.databind.node.ObjectNode node = MAPPER.valueToTree(f);
            if (p.weights() != null) node.put("weights", p.weights());
            if (!p.frozen().isEmpty()) p.frozen().forEach(node.putArray("frozen")::add);
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write project as JSON", e);
        }
    }

    /** Parses JSON text; {@code source} names it in messages (a file name). */
    public static Project fromJson(String json, String source) throws ProjectFormatException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw ParseMessages.wrap(source, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ProjectFormatException(source + ": not a LayerLab project (expected a JSON object with \"format\": "
                    + Project.FORMAT + ")", "", -1, -1, null);
        }
        checkFormat(source, tree.get("format"));
        ProjectFile f;
        try {
            f = MAPPER.readValue(json, ProjectFile.class);
        } catch (JsonProcessingException e) {
            throw ParseMessages.wrap(source, e);
        }
        JsonNode weights = tree.get("weights");
        if (weights != null && !weights.isNull() && !weights.isTextual()) {
            throw ParseMessages.semantic(source, "weights", "weights must be text naming a model's .zip file, found "
                    + ParseMessages.shorten(String.valueOf(weights)));
        }
        List<String> frozen = frozen(source, tree.get("frozen"));
        Project p = toProject(source, f, weights == null || weights.isNull() ? null : weights.asText());
        for (String id : frozen) {
            if (!p.graph().contains(id)) {
                throw ParseMessages.semantic(source, "frozen", "frozen: \"" + ParseMessages.shorten(id) + "\" is not a layer of the graph; "
                        + "remove it from the list");
            }
        }
        return p.withFrozen(frozen);
    }

    /** "frozen": a list of layer ids (absent or null = none). */
    private static List<String> frozen(String source, JsonNode node) throws ProjectFormatException {
        if (node == null || node.isNull()) return List.of();
        String fix = "frozen must list layer ids, e.g. [\"conv1\", \"conv2\"]; remove the field to train every layer";
        if (!node.isArray() || node.size() > 10_000) throw ParseMessages.semantic(source, "frozen", fix);
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) throw ParseMessages.semantic(source, "frozen", fix + " (found " + ParseMessages.shorten(String.valueOf(n)) + ")");
            out.add(n.asText());
        }
        return out;
    }

    public static Project read(Path file) throws ProjectFormatException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ProjectFormatException(file + ": not a text file (invalid UTF-8); was it saved by LayerLab?", "", -1, -1, e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ProjectFormatException(file + ": cannot read the file: there is no such file", "", -1, -1, e);
        } catch (IOException e) {
            throw new ProjectFormatException(file + ": cannot read the file (" + e + ")", "", -1, -1, e);
        }
        return fromJson(text, file.getFileName().toString());
    }

    /**
     * Writes atomically: a crash or full disk mid-save leaves the previous file as it was.
     */
    public static void write(Path file, Project p) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // the rename below would replace a file the user marked read-only (it needs only the folder): ask the bits
        if (Files.exists(target) && isMarkedReadOnly(target)) throw new java.nio.file.AccessDeniedException(target.toString(), null, "the file is read-only");
        // a fresh name opened with CREATE_NEW, not createTempFile: that makes the file 0600 whatever the
        // umask, and the rename would hand the project that mode (issue 17: projects saved unreadable to others)
        removeOrphanedTemporaries(dir, target);
        Path tmp = dir.resolve(tempPrefix(target) + ProcessHandle.current().pid() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ch.write(StandardCharsets.UTF_8.encode(toJson(p)));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean isMarkedReadOnly(Path f) {
        try {
            if (Files.getFileStore(f).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
                return !Files.getPosixFilePermissions(f).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            }
            var dos = Files.getFileAttributeView(f, java.nio.file.attribute.DosFileAttributeView.class);
            return dos != null && dos.readAttributes().isReadOnly();
        } catch (IOException | UnsupportedOperationException e) {
            return !Files.isWritable(f);
        }
    }

    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /**
     * Deletes the temporary files of earlier saves of {@code target} whose process is gone (killed
     * mid-save); a temporary file names its process, so another program saving the same file at
     * this moment keeps its own.
     */
    private static void removeOrphanedTemporaries(Path dir, Path target) {
        String prefix = tempPrefix(target);
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (!n.startsWith(prefix) || !n.endsWith(".tmp")) continue;
                String[] parts = n.substring(prefix.length()).split("\\.");
                long pid;
                try {
                    pid = Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    continue; // not one of ours
                }
                boolean mine = pid == ProcessHandle.current().pid();
                if (mine || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // leftovers are untidy, not harmful: the save itself goes on
        }
    }

    private static void checkFormat(String source, JsonNode format) throws ProjectFormatException {
        if (format == null) {
            throw new ProjectFormatException(source + ": field \"format\" is missing; a LayerLab project starts with "
                    + "\"format\": " + Project.FORMAT, "format", -1, -1, null);
        }
        if (!format.isInt()) {
            throw new ProjectFormatException(source + ": field \"format\" must be a whole number, found " + ParseMessages.shorten(String.valueOf(format)),
                    "format", -1, -1, null);
        }
        int v = format.intValue();
        if (v > Project.FORMAT) {
            throw new ProjectFormatException(source + " was written in file format " + v + " by a newer LayerLab; this "
                    + "version reads format " + Project.FORMAT + " and older. Update LayerLab to open it.", "format", -1, -1, null);
        }
        if (v < 1) {
            throw new ProjectFormatException(source + ": \"format\": " + v + " is not a LayerLab file format (expected "
                    + Project.FORMAT + ")", "format", -1, -1, null);
        }
    }

    private static Project toProject(String source, ProjectFile f, String w) throws ProjectFormatException {
        // a field present but null (or an element that is null) is named like a missing one, not met as a crash later
        if (f.name() == null) throw ParseMessages.semantic(source, "name", "found null; expected the project's name as a text");
        if (f.graph() == null) throw ParseMessages.semantic(source, "graph", "found null; expected {\"nodes\": [...], \"edges\": [...]}");
        if (f.graph().nodes() == null) throw ParseMessages.semantic(source, "graph.nodes", "found null; expected a list of layers [...]");
        if (f.graph().edges() == null) throw ParseMessages.semantic(source, "graph.edges", "found null; expected a list of wires [...]");
        if (f.view() == null) throw ParseMessages.semantic(source, "view", "found null; expected {\"zoom\": 1.0, \"panX\": 0, \"panY\": 0}");
        if (f.dataset() == null) throw ParseMessages.semantic(source, "dataset", "found null; expected {\"name\": …, \"options\": {}}");
        if (f.training() == null) throw ParseMessages.semantic(source, "training", "found null; expected the training settings {...}");
        List<Node> nodes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < f.graph().nodes().size(); i++) {
            ProjectFile.NodeJson n = f.graph().nodes().get(i);
            String where = "graph.nodes[" + i + "]";
            if (n == null) throw ParseMessages.semantic(source, where, "found null; expected a layer {\"id\": …, \"spec\": {…}}");
            if (n.id() == null) throw ParseMessages.semantic(source, where + ".id", "found null; expected a text such as \"dense1\"");
            if (n.spec() == null) throw ParseMessages.semantic(source, where + ".spec", "found null; expected a layer object {\"type\": …}");
            if (ids.contains(n.id())) {
                throw ParseMessages.semantic(source, where + ".id", "two nodes have the id '" + n.id() + "'; rename one of them");
            }
            ids.add(n.id());
            List<String> bad = RecordProperties.violations(n.spec());
            if (!bad.isEmpty()) {
                throw ParseMessages.semantic(source, where + ".spec", "node '" + n.id() + "' (" + n.spec().typeName() + "): " + bad.get(0));
            }
            try {
                nodes.add(new Node(n.id(), n.spec(), n.x(), n.y()));
            } catch (IllegalArgumentException e) {
                throw ParseMessages.semantic(source, where, e.getMessage());
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < f.graph().edges().size(); i++) {
            ProjectFile.EdgeJson e = f.graph().edges().get(i);
            if (e == null || e.from() == null || e.to() == null) {
                throw ParseMessages.semantic(source, "graph.edges[" + i + "]", "found null; expected a wire {\"from\": …, \"to\": …, \"port\": 0}");
            }
            String where = "graph.edges[" + i + "]";
            if (!ids.contains(e.from())) throw ParseMessages.semantic(source, where + ".from", "wire from unknown node '" + e.from() + "'; no node has that id");
            if (!ids.contains(e.to())) throw ParseMessages.semantic(source, where + ".to", "wire to unknown node '" + e.to() + "'; no node has that id");
            org.layerlab.graph.spec.LayerSpec target = nodes.stream().filter(n -> n.id().equals(e.to())).findFirst().orElseThrow().spec();
            if (e.port() >= target.maxInputs()) {
                // a port the layer does not have was silently accepted before (issue 20)
                throw ParseMessages.semantic(source, where + ".port", "layer '" + e.to() + "' (" + target.typeName() + ") has "
                        + (target.maxInputs() == 1 ? "one input port, 0" : target.maxInputs() + " input ports, 0 to " + (target.maxInputs() - 1))
                        + "; port " + e.port() + " does not exist: wire into port 0, or into a merge layer (Add, Concat) for several inputs");
            }
            try {
                edges.add(new Edge(e.from(), e.to(), e.port()));
            } catch (IllegalArgumentException ex) {
                throw ParseMessages.semantic(source, where + ".port", ex.getMessage());
            }
        }
        Graph g;
        try {
            g = Graph.of(nodes, edges);
        } catch (IllegalArgumentException e) {
            throw ParseMessages.semantic(source, "graph.edges", e.getMessage());
        }
        for (Record r : new Record[] {f.view(), f.training()}) {
            List<String> bad = RecordProperties.violations(r);
            if (!bad.isEmpty()) {
                String field = r == f.view() ? "view" : "training";
                throw ParseMessages.semantic(source, field, field + ": " + bad.get(0));
            }
        }
        if (w != null && (w.length() > 4096 || !w.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") || w.indexOf('\0') >= 0)) {
            throw ParseMessages.semantic(source, "weights", "weights: \"" + ParseMessages.shorten(w) + "\" must name a model's .zip file "
                    + "(saved by layerlab train --save); remove the field to start from fresh weights");
        }
        return new Project(f.name(), g, f.view(), f.dataset(), f.training(), w);
    }

}
