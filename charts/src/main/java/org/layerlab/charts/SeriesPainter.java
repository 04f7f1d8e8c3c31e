package org.layerlab.charts;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * Strokes one series into a chart's plot area: a line through its points (with dots for point
 * series), or, for a dense series, a pale min–max band and a line through the column means.
 * There is no canvas clip — the software pipeline renders a clipped canvas through a full-size
 * mask on every frame, which cost training speed — so lines are cut at the plot's edges here.
 * FX thread.
 */
final class SeriesPainter {
    private SeriesPainter() {}

    /** Where data lands on the canvas: the plot rectangle, the x range shown and the y axis. */
    record Plot(double left, double top, double width, double height, double x0, double x1, YAxis axis, boolean logY) {
        double right() {
            return left + width;
        }

        double sx(double x) {
            return left + (x - x0) / (x1 - x0) * width;
        }

        /** Screen y, kept inside the plot. */
        double sy(double y) {
            return Math.max(top, Math.min(top + height, top + height * (1 - axis.fraction(y))));
        }
    }

    /**
     * Folds into {@code h} where the shape's lines and band land on the canvas, to a quarter pixel:
     * two shapes with the same fingerprint draw the same pixels.
     */
    static long fingerprint(long h, Plot plot, Decimation.Shape shape) {
        if (shape instanceof Decimation.Envelope e) {
            for (int k = 0; k < e.size(); k++) {
                if (Double.isNaN(e.mean()[k])) continue;
                h = mix(mix(h, k), quarter(plot.sx(e.x()[k])));
                h = mix(mix(mix(h, quarter(plot.sy(e.lo()[k]))), quarter(plot.sy(e.hi()[k]))), quarter(plot.sy(e.mean()[k])));
            }
            return h;
        }
        Decimation.Points p = (Decimation.Points) shape;
        for (int i = 0; i < p.size(); i++) {
            double y = p.y()[i];
            h = mix(mix(h, quarter(plot.sx(p.x()[i]))), plot.logY() && y <= 0 ? Long.MIN_VALUE : quarter(plot.sy(y)));
        }
        return h;
    }

    private static long quarter(double pixels) {
        return Math.round(pixels * 4);
    }

    /** One step of a 64-bit hash (FNV-1a with extra mixing). */
    static long mix(long h, long v) {
        h = (h ^ v) * 0x100000001b3L;
        return h ^ (h >>> 29);
    }

    static void paint(GraphicsContext g, Plot plot, Decimation.Shape shape, Color c, boolean dots) {
        if (shape instanceof Decimation.Envelope e) band(g, plot, e, c);
        else points(g, plot, (Decimation.Points) shape, c, dots);
    }

    private static void points(GraphicsContext g, Plot plot, Decimation.Points p, Color c, boolean dots) {
        g.setStroke(c);
        g.beginPath();
        boolean open = false;
        double prevX = 0, prevY = 0;
        for (int i = 0; i < p.size(); i++) {
            double y = p.y()[i];
            if (plot.logY() && y <= 0) {
                open = false;
                continue;
            }
            double sx = plot.sx(p.x()[i]), sy = plot.sy(y);
            if (open) segment(g, prevX, prevY, sx, sy, plot);
            else if (sx >= plot.left() && sx <= plot.right()) g.moveTo(sx, sy);
            prevX = sx;
            prevY = sy;
            open = true;
        }
        g.stroke();
        if (!dots) return;
        g.setFill(c);
        for (int i = 0; i < p.size(); i++) {
            double sx = plot.sx(p.x()[i]);
            if ((plot.logY() && p.y()[i] <= 0) || sx < plot.left() || sx > plot.right()) continue;
            g.fillOval(sx - 2.5, plot.sy(p.y()[i]) - 2.5, 5, 5);
        }
    }

    /** A dense series: its min–max band (no spike hidden) and its means; empty columns are skipped. */
    private static void band(GraphicsContext g, Plot plot, Decimation.Envelope e, Color c) {
        int[] used = java.util.stream.IntStream.range(0, e.size()).filter(k -> !Double.isNaN(e.mean()[k])).toArray();
        if (used.length == 0) return;
        // along the highs, back along the lows; x kept inside the plot
        g.setFill(Color.color(c.getRed(), c.getGreen(), c.getBlue(), 0.28));
        g.beginPath();
        for (int i = 0; i < used.length; i++) {
            int k = used[i];
            double sx = insideX(plot, e.x()[k]);
            if (i == 0) g.moveTo(sx, plot.sy(e.hi()[k]));
            else g.lineTo(sx, plot.sy(e.hi()[k]));
        }
        for (int i = used.length - 1; i >= 0; i--) g.lineTo(insideX(plot, e.x()[used[i]]), plot.sy(e.lo()[used[i]]));
        g.closePath();
        g.fill();
        g.setStroke(c);
        g.beginPath();
        double px = 0, py = 0;
        for (int i = 0; i < used.length; i++) {
            int k = used[i];
            double sx = plot.sx(e.x()[k]), sy = plot.sy(e.mean()[k]);
            if (i > 0) segment(g, px, py, sx, sy, plot);
            else if (sx >= plot.left() && sx <= plot.right()) g.moveTo(sx, sy);
            px = sx;
            py = sy;
        }
        g.stroke();
    }

    /**
     * Dashed vertical markers with their labels (an LR change, a fork) over the plot; a label that
     * would run into the previous one goes a line lower (up to four lines), on the background colour.
     */
    static void markers(GraphicsContext g, java.util.List<LineChart.Marker> markers, double px0, double px1, double left, double top,
                        double plotW, double plotH, Color muted, Color bg) {
        g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
        double[] rowEnds = new double[4];
        java.util.Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
        java.util.List<LineChart.Marker> ordered = new java.util.ArrayList<>(markers);
        ordered.sort(java.util.Comparator.comparingDouble(LineChart.Marker::x));
        for (LineChart.Marker m : ordered) {
            if (m.x() < px0 || m.x() > px1) continue;
            double x = Math.round(left + (m.x() - px0) / (px1 - px0) * plotW) + 0.5;
            g.setStroke(muted);
            g.setLineDashes(4, 3);
            g.strokeLine(x, top, x, top + plotH);
            g.setLineDashes(null);
            int row = 0;
            while (row < rowEnds.length - 1 && rowEnds[row] > x) row++;
            rowEnds[row] = x + 3 + textWidth(m.label()) + 4;
            g.setFill(bg);
            g.fillRect(x + 2, top + 2 + row * 13, textWidth(m.label()) + 2, 12);
            g.setFill(muted);
            g.fillText(m.label(), x + 3, top + 2 + row * 13);
        }
    }

    /** One legend entry: a swatch (a short line, or a dot for a series drawn as points) and its label. */
    private record Entry(String label, Color colour, boolean points) {
        double width() {
            return 14 + textWidth(label);
        }
    }

    /**
     * The legend, right-aligned at {@code right} and never left of {@code minX}. Series that share a
     * colour belong together (a run's train and validation lines): they get one entry, labelled with
     * their common words ("run 2"), and a key in {@code keyColour} says which style is which ("— train
     * ● validation"), so four overlaid runs need five short entries instead of eight long ones. Entries
     * that do not fit are counted ("+3") rather than drawn over the title.
     */
    static void legend(GraphicsContext g, java.util.List<Series> series, double right, double minX, Color keyColour) {
        g.setFont(javafx.scene.text.Font.font(11));
        g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
        g.setTextBaseline(javafx.geometry.VPos.TOP);
        java.util.Map<String, java.util.List<Series>> byColour = new java.util.LinkedHashMap<>();
        for (Series s : series) byColour.computeIfAbsent(s.colour(), c -> new java.util.ArrayList<>()).add(s);
        boolean grouped = byColour.values().stream().anyMatch(l -> l.size() > 1);
        java.util.List<Entry> key = new java.util.ArrayList<>();
        java.util.List<Entry> entries = new java.util.ArrayList<>();
        if (!grouped) {
            for (Series s : series) entries.add(new Entry(s.name(), Color.web(s.colour()), s.isPoints()));
        } else {
            for (java.util.List<Series> group : byColour.values()) {
                String prefix = commonWords(group);
                entries.add(new Entry(prefix.isEmpty() ? group.get(0).name() : prefix, Color.web(group.get(0).colour()), false));
                if (key.isEmpty() && group.size() > 1) {
                    for (Series s : group) key.add(new Entry(s.name().substring(prefix.length()).strip(), keyColour, s.isPoints()));
                }
            }
        }
        double x = right;
        int dropped = 0;
        for (int k = entries.size() - 1; k >= 0; k--) {
            double w = entries.get(k).width();
            if (x - w < minX + (k > 0 ? 24 : 0)) {
                dropped = k + 1;
                break;
            }
            x -= w;
            draw(g, entries.get(k), x);
            x -= 10;
        }
        if (dropped > 0) {
            String more = "+" + dropped;
            x -= textWidth(more);
            g.setFill(keyColour);
            g.fillText(more, x, 6);
            x -= 10;
        }
        x -= 8;
        for (int k = key.size() - 1; k >= 0 && x - key.get(k).width() >= minX; k--) {
            x -= key.get(k).width();
            draw(g, key.get(k), x);
            x -= 10;
        }
    }

    private static void draw(GraphicsContext g, Entry e, double x) {
        g.setFill(e.colour());
        g.setStroke(e.colour());
        if (e.points()) {
            g.fillOval(x + 2, 9, 6, 6);
        } else {
            g.setLineWidth(2);
            g.strokeLine(x, 12.5, x + 10, 12.5);
        }
        g.fillText(e.label(), x + 14, 6);
    }

    /** The words every name of the group starts with ("run 2 train", "run 2 validation" → "run 2"). */
    static String commonWords(java.util.List<Series> group) {
        String[] first = group.get(0).name().split(" ");
        int n = first.length;
        for (Series s : group) {
            String[] w = s.name().split(" ");
            int i = 0;
            while (i < Math.min(n, w.length) && w[i].equals(first[i])) i++;
            n = i;
        }
        if (n == first.length) n--; // keep a word for the key
        return String.join(" ", java.util.Arrays.copyOf(first, Math.max(0, n)));
    }

    /** The hover line at {@code hoverX} (in the current stroke) and a box with the read-out's lines beside it. */
    static void readOut(GraphicsContext g, Plot plot, double hoverX, java.util.List<String> lines, double canvasWidth, Color box, Color border, Color text) {
        g.strokeLine(hoverX + 0.5, plot.top(), hoverX + 0.5, plot.top() + plot.height());
        double bw = 0;
        for (String l : lines) bw = Math.max(bw, textWidth(l));
        double bx = hoverX + 10 + bw + 12 > canvasWidth ? hoverX - bw - 22 : hoverX + 10;
        g.setFill(box);
        g.fillRect(bx, plot.top() + 4, bw + 12, lines.size() * 15 + 6);
        g.setStroke(border);
        g.strokeRect(bx + 0.5, plot.top() + 4.5, bw + 12, lines.size() * 15 + 6);
        g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
        g.setFill(text);
        for (int i = 0; i < lines.size(); i++) g.fillText(lines.get(i), bx + 6, plot.top() + 8 + i * 15);
    }

    /** Close enough for 11 px text; avoids a Text node per frame. */
    static double textWidth(String s) {
        return s.length() * 6.2;
    }

    private static double insideX(Plot plot, double x) {
        return Math.max(plot.left(), Math.min(plot.right(), plot.sx(x)));
    }

    /** Adds the part of (x0,y0)→(x1,y1) inside the plot's x range; the pen is at (x0,y0) when that is inside. */
    private static void segment(GraphicsContext g, double x0, double y0, double x1, double y1, Plot plot) {
        double[] c = clip(x0, y0, x1, y1, plot.left(), plot.right());
        if (c == null) return;
        if (c[0] != x0) g.moveTo(c[0], c[1]);
        g.lineTo(c[2], c[3]);
    }

    /** The part of the segment (x0,y0)→(x1,y1) with left ≤ x ≤ right as {ax, ay, bx, by}, or null when none. */
    static double[] clip(double x0, double y0, double x1, double y1, double left, double right) {
        if ((x0 < left && x1 < left) || (x0 > right && x1 > right)) return null;
        double ax = Math.max(left, Math.min(right, x0)), bx = Math.max(left, Math.min(right, x1));
        double slope = x1 == x0 ? 0 : (y1 - y0) / (x1 - x0);
        return new double[] {ax, ax == x0 ? y0 : y0 + slope * (ax - x0), bx, bx == x1 ? y1 : y0 + slope * (bx - x0)};
    }
}
