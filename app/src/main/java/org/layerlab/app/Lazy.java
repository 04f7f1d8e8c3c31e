package org.layerlab.app;

import java.util.function.Consumer;
import java.util.function.Supplier;

/** A value made on first use (FX thread only: no locking). */
final class Lazy<T> {
    private final Supplier<T> make;
    private T value;

    Lazy(Supplier<T> make) {
        this.make = make;
    }

    T get() {
        if (value == null) value = make.get();
        return value;
    }

    /** The value if it was made, else null; never makes it. */
    T peek() {
        return value;
    }

    /** Runs {@code action} on the value if it was made; never makes it. */
    void ifBuilt(Consumer<T> action) {
        if (value != null) action.accept(value);
    }
}
