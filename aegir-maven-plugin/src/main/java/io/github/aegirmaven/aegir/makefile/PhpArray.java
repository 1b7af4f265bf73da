package io.github.aegirmaven.aegir.makefile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private static final class Entry {
        Object value;
        Origin origin;

        Entry(Object value, Origin origin) {
            this.value = value;
            this.origin = origin;
        }
    }

    private final LinkedHashMap<Object, Entry> entries;

    public PhpArray() {
        entries = new LinkedHashMap<>();
    }

    private PhpArray(int expected) {
        entries = new LinkedHashMap<>(Math.max(16, expected * 4 / 3 + 1));
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
        if (key.charAt(i) == '0' && n > i + 1) {
            return key; // leading zero
        }
        if (key.charAt(i) == '0' && i == 1) {
            return key; // "-0"
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
        if (key instanceof Number && !(key instanceof Double) && !(key instanceof Float)) {
            return ((Number) key).longValue();
        }
        if (key instanceof Boolean) {
            return ((Boolean) key) ? 1L : 0L;
        }
        return key == null ? "" : key(Php.toPhpString(key));
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean containsKey(Object key) {
        return entries.containsKey(key(key));
    }

    /** The value under {@code key}, or {@code null} when absent (PHP's null coalescing view). */
    public Object get(Object key) {
        Entry e = entries.get(key(key));
        return e == null ? null : e.value;
    }

    /** The origin of the entry under {@code key}, or {@code null} when absent. */
    public Origin origin(Object key) {
        Entry e = entries.get(key(key));
        return e == null ? null : e.origin;
    }

    /** The nested array under {@code key}, or {@code null} when absent or not an array. */
    public PhpArray array(Object key) {
        Object v = get(key);
        return v instanceof PhpArray ? (PhpArray) v : null;
    }

    /** Sets {@code key}; an existing key keeps its position. */
    public void put(Object key, Object value, Origin origin) {
        Object k = key(key);
        Entry e = entries.get(k);
        if (e == null) {
            entries.put(k, new Entry(value, origin));
        } else {
            e.value = value;
            e.origin = origin;
        }
    }

    /** Sets {@code key} keeping the origin it already has (or {@code origin} when new). */
    public void replaceValue(Object key, Object value, Origin origin) {
        Object k = key(key);
        Entry e = entries.get(k);
        if (e == null) {
            entries.put(k, new Entry(value, origin));
        } else {
            e.value = value;
        }
    }

    /** Appends with the next index as drush's parser computes it: {@code count($array)}. */
    public long nextIndex() {
        return entries.size();
    }

    public void remove(Object key) {
        entries.remove(key(key));
    }

    /** The keys in order ({@link Long} or {@link String}). */
    public Set<Object> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** Whether the keys are exactly 0, 1, 2, ... in order, as PHP's {@code json_encode} decides. */
    public boolean isList() {
        long i = 0;
        for (Object k : entries.keySet()) {
            if (!(k instanceof Long) || (Long) k != i) {
                return false;
            }
            i++;
        }
        return true;
    }

    /** A copy of this level only: nested arrays are shared. For iterating while changing this array. */
    public PhpArray shallowCopy() {
        PhpArray c = new PhpArray(entries.size());
        for (Map.Entry<Object, Entry> e : entries.entrySet()) {
            c.entries.put(e.getKey(), new Entry(e.getValue().value, e.getValue().origin));
        }
        return c;
    }

    /** A deep copy (arrays copied, scalars shared). */
    public PhpArray copy() {
        PhpArray c = new PhpArray(entries.size());
        for (Map.Entry<Object, Entry> e : entries.entrySet()) {
            Object v = e.getValue().value;
            c.entries.put(e.getKey(), new Entry(v instanceof PhpArray ? ((PhpArray) v).copy() : v,
                    e.getValue().origin));
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
        for (Map.Entry<Object, Entry> e : replacement.entries.entrySet()) {
            Object v = e.getValue().value;
            Entry mine = entries.get(e.getKey());
            if (v instanceof PhpArray && mine != null && mine.value instanceof PhpArray) {
                ((PhpArray) mine.value).replaceFrom((PhpArray) v);
            } else {
                Object copy = v instanceof PhpArray ? ((PhpArray) v).copy() : v;
                if (mine == null) {
                    entries.put(e.getKey(), new Entry(copy, e.getValue().origin));
                } else {
                    mine.value = copy;
                    mine.origin = e.getValue().origin;
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
            List<Object> list = new ArrayList<>(entries.size());
            for (Entry e : entries.values()) {
                list.add(jsonOf(e.value));
            }
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<Object, Entry> e : entries.entrySet()) {
            map.put(e.getKey().toString(), jsonOf(e.getValue().value));
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
