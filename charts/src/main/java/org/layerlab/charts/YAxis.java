package org.layerlab.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps values to [0, 1] on a linear or log axis and picks readable ticks. Pure. */
final class YAxis {
    private final boolean log;
    private final double lo;
    private final double hi;

    private YAxis(boolean log, double lo, double hi) {
        this.log = log;
        this.lo = lo;
        this.hi = hi;
    }

    static YAxis linear(double lo, double hi) {
        if (hi - lo < 1e-12) {
            double pad = Math.max(1e-6, Math.abs(lo) * 0.05);
            lo -= pad;
            hi += pad;
        }
        double pad = (hi - lo) * 0.05;
        return new YAxis(false, lo - pad, hi + pad);
    }

    static YAxis log(double lo, double hi) {
        lo = Math.max(lo, 1e-30);
        hi = Math.max(hi, lo * 1.0001);
        return new YAxis(true, Math.log10(lo) - 0.1, Math.log10(hi) + 0.1);
    }

    private static final double[] NICE = {1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10};

    /** The smallest of 1, 1.2, 1.4 … 9, 10 times a power of ten that is at least v (v > 0): at most 25 % above v. */
    static double niceCeil(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : NICE) if (m * magnitude >= v * (1 - 1e-12)) return m * magnitude;
        return 10 * magnitude;
    }

    double fraction(double v) {
        double t = log ? Math.log10(Math.max(v, 1e-300)) : v;
        return (t - lo) / (hi - lo);
    }

    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        if (log) {
            int step = Math.max(1, (int) Math.ceil((hi - lo) / 6));
            for (int e = (int) Math.ceil(lo); e <= Math.floor(hi); e += step) out.add(Math.pow(10, e));
            return out;
        }
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3 ? 2 * mag : raw / mag < 7 ? 5 * mag : 10 * mag;
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        return out;
    }

    static String label(double v) {
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 1e5 || a < 1e-2) {
            // two significant digits so close ticks (a nearly constant learning rate) stay distinct
            String[] parts = String.format(Locale.ROOT, "%.2e", v).split("e");
            String mantissa = parts[0].replaceAll("0+$", "").replaceAll("\\.$", "");
            return mantissa + "e" + parts[1].replace("-0", "-").replace("+0", "").replace("+", "");
        }
        if (a >= 100 || v == Math.rint(v)) return String.format(Locale.ROOT, "%,d", Math.round(v));
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
