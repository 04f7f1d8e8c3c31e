package org.layerlab.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A delimited text table read whole: comma, semicolon or tab (whichever the first line has most of),
 * double-quoted fields with {@code ""} escapes, blank lines skipped. Every row must have the header's
 * field count; a row that does not is reported with its line. Immutable; any thread.
 */
public record Csv(String file, List<String> header, List<String[]> rows, int[] lines) {

    /** Whether the first line is a header: yes, no, or decided from the data. */
    public enum Header { AUTO, YES, NO }

    /** The 1-based line in the file of data row {@code row}. */
    public int lineOf(int row) {
        return lines[row];
    }

    public int columnIndex(String nameOrNumber) {
        String key = nameOrNumber.trim();
        for (int i = 0; i < header.size(); i++) if (header.get(i).equals(key)) return i;
        try {
            int i = Integer.parseInt(key);
            if (i >= 1 && i <= header.size()) return i - 1;
        } catch (NumberFormatException ignored) {
            // a name that is not a header; reported below
        }
        throw new DataException(file, 0, "no column '" + key + "'; columns are " + header + " (or numbers 1 to " + header.size() + ")");
    }

    public static Csv read(Reader reader, String file, Header header) throws IOException {
        List<String[]> raw = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        char delimiter = 0;
        try (BufferedReader r = new BufferedReader(reader)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                if (delimiter == 0) delimiter = delimiterOf(line);
                raw.add(split(line, delimiter, file, n));
                lineNumbers.add(n);
            }
        }
        if (raw.isEmpty()) throw new DataException(file, 0, "the file is empty");
        boolean hasHeader = switch (header) {
            case YES -> true;
            case NO -> false;
            case AUTO -> looksLikeHeader(raw);
        };
        int width = raw.get(0).length;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < width; i++) names.add(hasHeader ? raw.get(0)[i].trim() : "column " + (i + 1));
        List<String[]> rows = new ArrayList<>();
        int[] lines = new int[raw.size() - (hasHeader ? 1 : 0)];
        for (int i = hasHeader ? 1 : 0; i < raw.size(); i++) {
            String[] row = raw.get(i);
            if (row.length != width) {
                throw new DataException(file, lineNumbers.get(i), "has " + row.length + " fields but the "
                        + (hasHeader ? "header has " : "first line has ") + width + "; fix the row (a stray delimiter or a missing value)");
            }
            lines[rows.size()] = lineNumbers.get(i);
            rows.add(row);
        }
        if (rows.isEmpty()) throw new DataException(file, 0, "has a header but no data rows");
        return new Csv(file, List.copyOf(names), List.copyOf(rows), lines);
    }

    /** A header when some field of line 1 is not a number while the same field on line 2 is. */
    private static boolean looksLikeHeader(List<String[]> raw) {
        if (raw.size() < 2) return false;
        String[] first = raw.get(0);
        String[] second = raw.get(1);
        for (int i = 0; i < Math.min(first.length, second.length); i++) {
            if (!isNumber(first[i]) && isNumber(second[i])) return true;
        }
        boolean allText = true;
        for (String f : first) allText &= !isNumber(f) && !f.isBlank();
        boolean secondHasNumber = false;
        for (String f : second) secondHasNumber |= isNumber(f);
        return allText && secondHasNumber;
    }

    static boolean isNumber(String s) {
        String t = s.trim();
        if (t.isEmpty()) return false;
        try {
            Double.parseDouble(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static char delimiterOf(String line) {
        char best = ',';
        long bestCount = line.chars().filter(c -> c == ',').count();
        for (char c : new char[] {';', '\t'}) {
            long count = line.chars().filter(x -> x == c).count();
            if (count > bestCount) {
                best = c;
                bestCount = count;
            }
        }
        return best;
    }

    private static String[] split(String line, char delimiter, String file, int lineNumber) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (c == delimiter) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) throw new DataException(file, lineNumber, "a quoted field is not closed; add the closing \"");
        out.add(field.toString());
        return out.toArray(String[]::new);
    }
}
