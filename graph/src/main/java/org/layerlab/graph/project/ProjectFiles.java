package org.layerlab.graph.project;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
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
            return MAPPER.writeValueAsString(f) + "\n";
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
            throw wrap(source, e);
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
            throw wrap(source, e);
        }
        return toProject(source, f);
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
            throw new ProjectFormatException(source + ": field \"format\" must be a whole number, found " + shorten(String.valueOf(format)),
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

    private static Project toProject(String source, ProjectFile f) throws ProjectFormatException {
        // a field present but null (or an element that is null) is named like a missing one, not met as a crash later
        if (f.name() == null) throw semantic(source, "name", "found null; expected the project's name as a text");
        if (f.graph() == null) throw semantic(source, "graph", "found null; expected {\"nodes\": [...], \"edges\": [...]}");
        if (f.graph().nodes() == null) throw semantic(source, "graph.nodes", "found null; expected a list of layers [...]");
        if (f.graph().edges() == null) throw semantic(source, "graph.edges", "found null; expected a list of wires [...]");
        if (f.view() == null) throw semantic(source, "view", "found null; expected {\"zoom\": 1.0, \"panX\": 0, \"panY\": 0}");
        if (f.dataset() == null) throw semantic(source, "dataset", "found null; expected {\"name\": …, \"options\": {}}");
        if (f.training() == null) throw semantic(source, "training", "found null; expected the training settings {...}");
        List<Node> nodes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < f.graph().nodes().size(); i++) {
            ProjectFile.NodeJson n = f.graph().nodes().get(i);
            String where = "graph.nodes[" + i + "]";
            if (n == null) throw semantic(source, where, "found null; expected a layer {\"id\": …, \"spec\": {…}}");
            if (n.id() == null) throw semantic(source, where + ".id", "found null; expected a text such as \"dense1\"");
            if (n.spec() == null) throw semantic(source, where + ".spec", "found null; expected a layer object {\"type\": …}");
            if (ids.contains(n.id())) {
                throw semantic(source, where + ".id", "two nodes have the id '" + n.id() + "'; rename one of them");
            }
            ids.add(n.id());
            List<String> bad = RecordProperties.violations(n.spec());
            if (!bad.isEmpty()) {
                throw semantic(source, where + ".spec", "node '" + n.id() + "' (" + n.spec().typeName() + "): " + bad.get(0));
            }
            try {
                nodes.add(new Node(n.id(), n.spec(), n.x(), n.y()));
            } catch (IllegalArgumentException e) {
                throw semantic(source, where, e.getMessage());
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < f.graph().edges().size(); i++) {
            ProjectFile.EdgeJson e = f.graph().edges().get(i);
            if (e == null || e.from() == null || e.to() == null) {
                throw semantic(source, "graph.edges[" + i + "]", "found null; expected a wire {\"from\": …, \"to\": …, \"port\": 0}");
            }
            String where = "graph.edges[" + i + "]";
            if (!ids.contains(e.from())) throw semantic(source, where + ".from", "wire from unknown node '" + e.from() + "'; no node has that id");
            if (!ids.contains(e.to())) throw semantic(source, where + ".to", "wire to unknown node '" + e.to() + "'; no node has that id");
            org.layerlab.graph.spec.LayerSpec target = nodes.stream().filter(n -> n.id().equals(e.to())).findFirst().orElseThrow().spec();
            if (e.port() >= target.maxInputs()) {
                // a port the layer does not have was silently accepted before (issue 20)
                throw semantic(source, where + ".port", "layer '" + e.to() + "' (" + target.typeName() + ") has "
                        + (target.maxInputs() == 1 ? "one input port, 0" : target.maxInputs() + " input ports, 0 to " + (target.maxInputs() - 1))
                        + "; port " + e.port() + " does not exist: wire into port 0, or into a merge layer (Add, Concat) for several inputs");
            }
            try {
                edges.add(new Edge(e.from(), e.to(), e.port()));
            } catch (IllegalArgumentException ex) {
                throw semantic(source, where + ".port", ex.getMessage());
            }
        }
        Graph g;
        try {
            g = Graph.of(nodes, edges);
        } catch (IllegalArgumentException e) {
            throw semantic(source, "graph.edges", e.getMessage());
        }
        for (Record r : new Record[] {f.view(), f.training()}) {
            List<String> bad = RecordProperties.violations(r);
            if (!bad.isEmpty()) {
                String field = r == f.view() ? "view" : "training";
                throw semantic(source, field, field + ": " + bad.get(0));
            }
        }
        return new Project(f.name(), g, f.view(), f.dataset(), f.training());
    }

    private static ProjectFormatException semantic(String source, String path, String message) {
        return new ProjectFormatException(source + ", at " + path + ": " + shortenRuns(message), path, -1, -1, null);
    }

    /** Every unbroken run of 80 or more characters in a message (a value echoed back) cut to a readable length. */
    static String shortenRuns(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\S{80,}").matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(shorten(m.group())));
        m.appendTail(out);
        return out.toString();
    }

    private static ProjectFormatException wrap(String source, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        int line = loc == null ? -1 : loc.getLineNr();
        int col = loc == null ? -1 : loc.getColumnNr();
        String path = e instanceof JsonMappingException m ? path(m) : "";
        String where = source + (line > 0 ? ", line " + line + ", column " + col : "") + (path.isEmpty() ? "" : ", at " + path);
        return new ProjectFormatException(where + ": " + shortenRuns(explain(e)), path, line, col, e);
    }

    private static String path(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) sb.append('[').append(r.getIndex()).append(']');
        }
        return sb.toString();
    }

    private static String explain(JsonProcessingException e) {
        if (e instanceof InvalidTypeIdException t) {
            String id = t.getTypeId();
            if (id == null) return "a layer has no \"type\"; add one of " + knownTypes();
            return "unknown layer type '" + id + "'; known types: " + knownTypes();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field \"" + u.getPropertyName() + "\"; expected one of " + u.getKnownPropertyIds();
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return v.getCause().getMessage();
        }
        String msg = firstLine(e.getOriginalMessage());
        if (e instanceof InputCoercionException || msg.contains("out of range of")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((-?[0-9.eE+]+)\\)").matcher(msg);
            return "number " + (m.find() ? m.group(1) + " " : "") + "is out of range (a whole number here is at most 2,147,483,647)";
        }
        if (e instanceof MismatchedInputException m) {
            if (msg.startsWith("Missing creator property") || msg.startsWith("Missing required creator property")) {
                int a = msg.indexOf('\'');
                int b = msg.indexOf('\'', a + 1);
                return "required field " + msg.substring(a, b + 1) + " is missing; add it";
            }
            String type = m.getTargetType() == null ? "a value" : friendly(m.getTargetType());
            if (msg.contains("`null`") || msg.contains("null value")) return "found null; expected " + type;
            java.util.regex.Matcher found = java.util.regex.Pattern.compile("from String \"([^\"]*)\"|value \\(([^)]*)\\)").matcher(msg);
            String what = found.find() ? (found.group(1) != null ? "\"" + found.group(1) + "\"" : found.group(2)) : null;
            if (what == null) what = tokenIn(msg);
            else if (what.contains("JsonToken.")) what = tokenIn(what);
            return "expected " + type + (what == null ? "" : ", found " + shorten(what));
        }
        if (msg.startsWith("Unexpected end-of-input")) {
            return "the file ends too early (was it cut off?): a closing bracket or value is missing";
        }
        if (msg.startsWith("Unrecognized token") || msg.startsWith("Unexpected character")) {
            return plain(msg.replaceAll(":? ?(was expecting|\\().*", "")) + "; this is not valid JSON";
        }
        return plain(msg.replaceAll("\\s*\\(start marker at .*", ""));
    }

    /**
     * The parser's own words without its internals: no source descriptions ("[Source: REDACTED …]"),
     * no feature or constraint names a user cannot act on.
     */
    static String plain(String msg) {
        String m = msg.replaceAll("\\s*\\(for [A-Za-z]+ starting at \\[Source:.*", "")
                .replaceAll("\\s*\\[Source:.*", "")
                .replaceAll("\\s*\\(?\\s*(set|enable|disable)? ?`?(JsonReadFeature|JsonParser\\.Feature|StreamReadFeature|StreamReadConstraints)[^)]*\\)?", "")
                .replaceAll("\\s*\\(as per `StreamReadConstraints[^)]*\\)", "")
                .strip();
        if (msg.contains("ALLOW_NON_NUMERIC_NUMBERS") || msg.contains("Non-standard token")) {
            return "NaN and Infinity are not numbers a project can hold; write a number such as 0.001";
        }
        if (msg.contains("String value length") || msg.contains("getMaxStringLength")) {
            return "a text value is far too long (millions of characters); the file is damaged";
        }
        if (msg.contains("nesting depth") || msg.contains("getMaxNestingDepth")) {
            return "brackets are nested far too deep; the file is damaged";
        }
        if (msg.contains("Number value length") || msg.contains("getMaxNumberLength")) {
            return "a number has far too many digits; the file is damaged";
        }
        if (msg.startsWith("Unexpected close marker")) return "a closing bracket does not match the one it closes; check the brackets around here";
        if (msg.startsWith("Illegal unquoted character")) return "a text value contains a control character (a raw line break or tab); write it as \\n or \\t";
        if (msg.startsWith("Unexpected end-of-input")) return "the file ends too early (was it cut off?): a closing bracket or value is missing";
        if (msg.startsWith("Invalid UTF-8")) return "not a text file (invalid UTF-8); was it saved by LayerLab?";
        if (msg.startsWith("Duplicate field")) return m.replace("Duplicate field", "the field") + " appears twice; keep one";
        return m.isEmpty() ? "the file is not valid JSON here" : m;
    }

    /** What the parser's token name in {@code msg} means in plain words, or null if it names none. */
    private static String tokenIn(String msg) {
        java.util.regex.Matcher t = java.util.regex.Pattern.compile("JsonToken\\.([A-Z_]+)").matcher(msg);
        if (!t.find()) return null;
        return switch (t.group(1)) {
            case "VALUE_TRUE" -> "true";
            case "VALUE_FALSE" -> "false";
            case "VALUE_NULL" -> "null";
            case "START_ARRAY" -> "a list [...]";
            case "START_OBJECT", "FIELD_NAME" -> "an object {...}";
            case "VALUE_STRING" -> "a text string";
            case "VALUE_NUMBER_INT" -> "a whole number";
            case "VALUE_NUMBER_FLOAT" -> "a number with a fraction";
            case "END_ARRAY", "END_OBJECT" -> "the end of a list or object";
            default -> "something else";
        };
    }

    /** A value quoted in a message, cut to a readable length (a damaged file may hold a million characters). */
    static String shorten(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "…(" + String.format(java.util.Locale.ROOT, "%,d", value.length()) + " characters)";
    }

    private static String friendly(Class<?> t) {
        if (t == int.class || t == Integer.class || t == long.class) return "a whole number";
        if (t == double.class || t == Double.class) return "a number";
        if (t == boolean.class || t == Boolean.class) return "true or false";
        if (t == String.class) return "a text string";
        if (t.isEnum()) {
            StringBuilder sb = new StringBuilder("one of ");
            Object[] cs = t.getEnumConstants();
            for (int i = 0; i < cs.length; i++) sb.append(i == 0 ? "" : ", ").append(((Enum<?>) cs[i]).name());
            return sb.toString();
        }
        if (List.class.isAssignableFrom(t)) return "a list [...]";
        return "an object {...}";
    }

    private static String knownTypes() {
        StringBuilder sb = new StringBuilder();
        for (com.fasterxml.jackson.annotation.JsonSubTypes.Type t
                : LayerSpec.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.name());
        }
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable JSON";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
