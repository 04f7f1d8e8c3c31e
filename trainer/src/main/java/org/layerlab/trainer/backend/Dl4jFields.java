package org.layerlab.trainer.backend;

import java.lang.reflect.Field;

/**
 * DL4J's private fields that the fast paths set on layer objects (their helpers and fallback counters).
 * DL4J offers no setter; a version that renamed one fails loudly at class initialization.
 */
final class Dl4jFields {
    private Dl4jFields() {}

    static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("DL4J's " + owner.getSimpleName() + " has no field '" + name + "': the DL4J version changed");
        }
    }
}
