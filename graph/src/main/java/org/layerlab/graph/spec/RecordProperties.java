package org.layerlab.graph.spec;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generic read, validate and edit of a record's properties (layer specs, training settings), so the
 * inspector, the file loader and shape inference share one set of rules: {@link Range} bounds,
 * enum choices, no missing values. Any thread.
 */
public final class RecordProperties {

    /** One editable property: name, type, current value, allowed range (null if none) and choices (enums). */
    public record Property(String name, Class<?> type, Object value, Range range, List<Object> choices) {}

    private record Meta(RecordComponent[] components, Constructor<?> constructor) {}

    private static final Map<Class<?>, Meta> META = new ConcurrentHashMap<>();

    private RecordProperties() {}

    private static Meta meta(Class<?> type) {
        if (!type.isRecord()) throw new IllegalArgumentException(type + " is not a record");
        return META.computeIfAbsent(type, t -> {
            RecordComponent[] comps = t.getRecordComponents();
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) types[i] = comps[i].getType();
            try {
                return new Meta(comps, t.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("spec " + t + " has no canonical constructor", e);
            }
        });
    }

    public static List<Property> properties(Object spec) {
        List<Property> list = new ArrayList<>();
        for (RecordComponent c : meta(spec.getClass()).components()) {
            List<Object> choices = c.getType().isEnum() ? List.of(c.getType().getEnumConstants()) : List.of();
            list.add(new Property(c.getName(), c.getType(), read(c, spec), c.getAnnotation(Range.class), choices));
        }
        return list;
    }

    /** The value of property {@code name}. */
    public static Object get(Object spec, String name) {
        for (RecordComponent c : meta(spec.getClass()).components()) {
            if (c.getName().equals(name)) return read(c, spec);
        }
        throw new IllegalArgumentException(nameOf(spec) + " has no property '" + name + "'");
    }

    /**
     * A copy of {@code spec} with one property changed.
     * @throws IllegalArgumentException naming the property and the allowed values if the value is rejected
     */
    @SuppressWarnings("unchecked")
    public static <S> S with(S spec, String name, Object value) {
        Meta m = meta(spec.getClass());
        Object[] args = new Object[m.components().length];
        boolean found = false;
        for (int i = 0; i < args.length; i++) {
            RecordComponent c = m.components()[i];
            if (c.getName().equals(name)) {
                args[i] = coerce(spec, c, value);
                String violation = violation(c, args[i]);
                if (violation != null) throw new IllegalArgumentException(nameOf(spec) + ": " + violation);
                found = true;
            } else {
                args[i] = read(c, spec);
            }
        }
        if (!found) throw new IllegalArgumentException(nameOf(spec) + " has no property '" + name + "'");
        try {
            return (S) m.constructor().newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(nameOf(spec) + ": cannot set " + name + ": " + e.getCause(), e);
        }
    }

    /** Every property value outside its range or missing, as "units = 0 is outside 1 … 1,000,000". */
    public static List<String> violations(Object spec) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : meta(spec.getClass()).components()) {
            String v = violation(c, read(c, spec));
            if (v != null) out.add(v);
        }
        return out;
    }

    private static String violation(RecordComponent c, Object value) {
        if (value == null) {
            return c.getName() + " is missing; choose one of " + describeChoices(c.getType());
        }
        Range r = c.getAnnotation(Range.class);
        if (r != null && value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || d < r.min() || d > r.max()) {
                return c.getName() + " = " + format(d) + " is outside " + format(r.min()) + " … " + format(r.max())
                        + "; use a value in that range";
            }
        }
        return null;
    }

    private static String describeChoices(Class<?> type) {
        if (!type.isEnum()) return "a value";
        StringBuilder sb = new StringBuilder();
        for (Object o : type.getEnumConstants()) sb.append(sb.length() == 0 ? "" : ", ").append(((Enum<?>) o).name());
        return sb.toString();
    }

    private static Object coerce(Object spec, RecordComponent c, Object value) {
        Class<?> t = c.getType();
        String where = nameOf(spec) + ": " + c.getName();
        if (value == null) return null;
        if (t == int.class) {
            if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                if (n.doubleValue() > Integer.MAX_VALUE || n.doubleValue() < Integer.MIN_VALUE) {
                    throw new IllegalArgumentException(where + " = " + n + " is too large");
                }
                return n.intValue();
            }
            if (value instanceof String s) return parse(where, s.trim(), true);
            throw new IllegalArgumentException(where + " must be a whole number, not " + value);
        }
        if (t == long.class) {
            if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.longValue();
            if (value instanceof String s) {
                try {
                    return Long.parseLong(s.trim().replace(",", "").replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + " must be a whole number, not \"" + s.trim() + "\"");
                }
            }
            throw new IllegalArgumentException(where + " must be a whole number, not " + value);
        }
        if (t == double.class) {
            if (value instanceof Number n) return n.doubleValue();
            if (value instanceof String s) return parse(where, s.trim(), false);
            throw new IllegalArgumentException(where + " must be a number, not " + value);
        }
        if (t == boolean.class) {
            if (value instanceof Boolean b) return b;
            if ("true".equalsIgnoreCase(String.valueOf(value)) || "false".equalsIgnoreCase(String.valueOf(value))) {
                return Boolean.parseBoolean(String.valueOf(value));
            }
            throw new IllegalArgumentException(where + " must be true or false, not " + value);
        }
        if (t.isEnum()) {
            if (t.isInstance(value)) return value;
            for (Object o : t.getEnumConstants()) {
                if (((Enum<?>) o).name().equalsIgnoreCase(String.valueOf(value))) return o;
            }
            throw new IllegalArgumentException(where + " must be one of " + describeChoices(t) + ", not " + value);
        }
        if (t.isInstance(value)) return value;
        throw new IllegalArgumentException(where + " cannot take " + value);
    }

    private static Object parse(String where, String s, boolean whole) {
        try {
            if (whole) return Integer.parseInt(s.replace(",", "").replace("_", ""));
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be " + (whole ? "a whole number" : "a number")
                    + ", not \"" + s + "\"");
        }
    }

    private static Object read(RecordComponent c, Object spec) {
        try {
            return c.getAccessor().invoke(spec);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How messages name a record: a layer by its type, anything else by its class. */
    public static String nameOf(Object r) {
        return r instanceof LayerSpec s ? s.typeName() : r.getClass().getSimpleName();
    }

    static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return new DecimalFormat("#,##0").format(d);
        return Double.toString(d);
    }

    /** A property's name as the inspector shows it: "kernelHeight" → "Kernel height". */
    public static String label(String property) {
        String spaced = property.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
