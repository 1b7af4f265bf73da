package io.github.aegirmaven.aegir.makefile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered PHP array as drush builds it from a make file, with the origin of every entry.
 *
 * <p>Keys follow PHP: a string that is a canonical decimal integer ({@code "5"}, {@code "-3"}, not
 * {@code "05"} or {@code "-0"}) becomes an integer key ({@link Long}); any other key stays a
 * {@link String}. Entries keep insertion order; replacing the value of an existing key keeps its place.
 * Values are {@link String}, {@link Boolean}, {@link Long}, {@link Double}, {@code null} or nested
 * {@code PhpArray}s.
 */
public final class PhpArray {

    private static final Object REMOVED = new Object();
    private static final int INDEX_FROM = 9;

    // Entries in insertion order; removed slots hold REMOVED until the next compaction. Small arrays (the
    // attributes of a project) are searched linearly; larger ones get a hash index from key to slot.
    private Object[] keys;
    private Object[] values;
    private Origin[] origins;
    private int slots;
    private int live;
    private HashMap<Object, Integer> index;

    public PhpArray() {
        this(4);
    }

    private PhpArray(int capacity) {
        int c = Math.max(2, capacity);
        keys = new Object[c];
        values = new Object[c];
        origins = new Origin[c];
    }

    /** PHP's key normalisation for a string key. */
    public static Object key(String key) {
        int n = key.length();
        if (n == 0 || n > 20) {
            return key;
        }
        int i = 0;
        if (key.charAt(0) == '-') {
            if (n == 1) {
                return key;
            }
            i = 1;
        }
        if (key.charAt(i) == '0' && (n > i + 1 || i == 1)) {
            return key; // leading zero, or "-0"
        }
        for (int j = i; j < n; j++) {
            char c = key.charAt(j);
            if (c < '0' || c > '9') {
                return key;
            }
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException tooBig) {
            return key;
        }
    }

    /** Normalises a key object: strings as PHP does, integers to {@link Long}. */
    public static Object key(Object key) {
        if (key instanceof String) {
            return key((String) key);
        }
        if (key instanceof Long) {
            return key;
        }
        if (key instanceof Number && !(key instanceof Double) && !(key instanceof Float)) {
            return ((Number) key).longValue();
        }
        if (key instanceof Boolean) {
            return ((Boolean) key) ? 1L : 0L;
        }
        return key == null ? "" : key(Php.toPhpString(key));
    }

    private int slot(Object normalizedKey) {
        if (index != null) {
            Integer at = index.get(normalizedKey);
            return at == null ? -1 : at;
        }
        for (int i = 0; i < slots; i++) {
            Object k = keys[i];
            if (k != REMOVED && k.equals(normalizedKey)) {
                return i;
            }
        }
        return -1;
    }

    private void append(Object k, Object value, Origin origin) {
        if (slots == keys.length) {
            if (live < slots / 2) {
                compact();
            }
            if (slots == keys.length) {
                int c = keys.length * 2;
                keys = Arrays.copyOf(keys, c);
                values = Arrays.copyOf(values, c);
                origins = Arrays.copyOf(origins, c);
            }
        }
        keys[slots] = k;
        values[slots] = value;
        origins[slots] = origin;
        if (index != null) {
            index.put(k, slots);
        }
        slots++;
        live++;
        if (index == null && live >= INDEX_FROM) {
            buildIndex();
        }
    }

    private void compact() {
        int j = 0;
        for (int i = 0; i < slots; i++) {
            if (keys[i] != REMOVED) {
                keys[j] = keys[i];
                values[j] = values[i];
                origins[j] = origins[i];
                j++;
            }
        }
        for (int i = j; i < slots; i++) {
            keys[i] = null;
            values[i] = null;
            origins[i] = null;
        }
        slots = j;
        if (index != null) {
            buildIndex();
        }
    }

    private void buildIndex() {
        index = new HashMap<>(Math.max(16, slots * 2));
        for (int i = 0; i < slots; i++) {
            if (keys[i] != REMOVED) {
                index.put(keys[i], i);
            }
        }
    }

    public int size() {
        return live;
    }

    public boolean isEmpty() {
        return live == 0;
    }

    public boolean containsKey(Object key) {
        return slot(key(key)) >= 0;
    }

    /** The value under {@code key}, or {@code null} when absent (PHP's null coalescing view). */
    public Object get(Object key) {
        int i = slot(key(key));
        return i < 0 ? null : values[i];
    }

    /** The origin of the entry under {@code key}, or {@code null} when absent. */
    public Origin origin(Object key) {
        int i = slot(key(key));
        return i < 0 ? null : origins[i];
    }

    /** The nested array under {@code key}, or {@code null} when absent or not an array. */
    public PhpArray array(Object key) {
        Object v = get(key);
        return v instanceof PhpArray ? (PhpArray) v : null;
    }

    /** Sets {@code key}; an existing key keeps its position. */
    public void put(Object key, Object value, Origin origin) {
        Object k = key(key);
        int i = slot(k);
        if (i < 0) {
            append(k, value, origin);
        } else {
            values[i] = value;
            origins[i] = origin;
        }
    }

    /** Sets {@code key} keeping the origin it already has (or {@code origin} when new). */
    public void replaceValue(Object key, Object value, Origin origin) {
        Object k = key(key);
        int i = slot(k);
        if (i < 0) {
            append(k, value, origin);
        } else {
            values[i] = value;
        }
    }

    /** Appends with the next index as drush's parser computes it: {@code count($array)}. */
    public long nextIndex() {
        return live;
    }

    public void remove(Object key) {
        Object k = key(key);
        int i = slot(k);
        if (i >= 0) {
            keys[i] = REMOVED;
            values[i] = null;
            origins[i] = null;
            live--;
            if (index != null) {
                index.remove(k);
            }
        }
    }

    /** The keys in order ({@link Long} or {@link String}), as a copy. */
    public List<Object> keys() {
        List<Object> out = new ArrayList<>(live);
        for (int i = 0; i < slots; i++) {
            if (keys[i] != REMOVED) {
                out.add(keys[i]);
            }
        }
        return out;
    }

    /** Whether the keys are exactly 0, 1, 2, ... in order, as PHP's {@code json_encode} decides. */
    public boolean isList() {
        long n = 0;
        for (int i = 0; i < slots; i++) {
            Object k = keys[i];
            if (k == REMOVED) {
                continue;
            }
            if (!(k instanceof Long) || (Long) k != n) {
                return false;
            }
            n++;
        }
        return true;
    }

    /** A copy of this level only: nested arrays are shared. For iterating while changing this array. */
    public PhpArray shallowCopy() {
        return copy(false);
    }

    /** A deep copy (arrays copied, scalars shared). */
    public PhpArray copy() {
        return copy(true);
    }

    private PhpArray copy(boolean deep) {
        PhpArray c = new PhpArray(live);
        for (int i = 0; i < slots; i++) {
            if (keys[i] != REMOVED) {
                Object v = values[i];
                c.append(keys[i], deep && v instanceof PhpArray ? ((PhpArray) v).copy() : v, origins[i]);
            }
        }
        return c;
    }

    /**
     * PHP's {@code array_replace_recursive($this, $replacement)} as a new array: each key of the
     * replacement replaces the base's value, except that two arrays under the same key are merged
     * recursively.
     */
    public PhpArray replaceRecursive(PhpArray replacement) {
        PhpArray result = copy();
        result.replaceFrom(replacement);
        return result;
    }

    private void replaceFrom(PhpArray replacement) {
        for (int r = 0; r < replacement.slots; r++) {
            Object k = replacement.keys[r];
            if (k == REMOVED) {
                continue;
            }
            Object v = replacement.values[r];
            int i = slot(k);
            if (v instanceof PhpArray && i >= 0 && values[i] instanceof PhpArray) {
                ((PhpArray) values[i]).replaceFrom((PhpArray) v);
            } else {
                Object copy = v instanceof PhpArray ? ((PhpArray) v).copy() : v;
                if (i < 0) {
                    append(k, copy, replacement.origins[r]);
                } else {
                    values[i] = copy;
                    origins[i] = replacement.origins[r];
                }
            }
        }
    }

    /**
     * The structure PHP's {@code json_encode} would write: a list for 0..n-1 keys, otherwise an object
     * with string keys; scalars as they are.
     */
    public Object toJsonValue() {
        if (isList()) {
            List<Object> list = new ArrayList<>(live);
            for (int i = 0; i < slots; i++) {
                if (keys[i] != REMOVED) {
                    list.add(jsonOf(values[i]));
                }
            }
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < slots; i++) {
            if (keys[i] != REMOVED) {
                map.put(keys[i].toString(), jsonOf(values[i]));
            }
        }
        return map;
    }

    private static Object jsonOf(Object v) {
        if (v instanceof Double && !Double.isFinite((Double) v)) {
            return Php.toPhpString(v); // json_encode cannot write INF or NAN either
        }
        return v instanceof PhpArray ? ((PhpArray) v).toJsonValue() : v;
    }

    @Override
    public String toString() {
        return io.github.aegirmaven.aegir.core.Json.write(toJsonValue());
    }
}
