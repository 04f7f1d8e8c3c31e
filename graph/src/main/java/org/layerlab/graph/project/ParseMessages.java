package org.layerlab.graph.project;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.List;
import org.layerlab.graph.spec.LayerSpec;

/**
 * Turns what the JSON parser reports about a broken project file into a message for the user: the
 * file, line, column and field path, what was expected and what was found, in plain words — no
 * parser feature names or token names, and no damaged value echoed whole. Pure; any thread.
 */
final class ParseMessages {
    private ParseMessages() {}

    static ProjectFormatException semantic(String source, String path, String message) {
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

    static ProjectFormatException wrap(String source, JsonProcessingException e) {
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
