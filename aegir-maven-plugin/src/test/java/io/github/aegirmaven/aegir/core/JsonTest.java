package io.github.aegirmaven.aegir.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesAsPhpJsonEncodeWithUnescapedSlashesAndUnicode() {
        assertThat(Json.quote("a\"b\\c/d")).isEqualTo("\"a\\\"b\\\\c/d\"");
        assertThat(Json.quote("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
        assertThat(Json.quote("\u0000\u001f\u007f")).isEqualTo("\"\\u0000\\u001f\u007f\"");
        assertThat(Json.quote("été \u2028\u2029")).isEqualTo("\"été \\u2028\\u2029\"");
    }

    @Test
    void writesScalarsListsAndNestedMaps() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n", null);
        inner.put("t", true);
        inner.put("l", 42L);
        inner.put("d", 1.5);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("list", List.of("a", 1));
        outer.put("empty", List.of());
        outer.put("obj", inner);
        outer.put("none", Map.of());
        assertThat(Json.write(outer))
                .isEqualTo("{\"list\":[\"a\",1],\"empty\":[],"
                        + "\"obj\":{\"n\":null,\"t\":true,\"l\":42,\"d\":1.5},\"none\":{}}");
    }

    @Test
    void keepsInsertionOrderOfLinkedMapsAndSortsOtherMaps() {
        Map<String, Object> linked = new LinkedHashMap<>();
        linked.put("z", 1);
        linked.put("a", 2);
        Map<String, Object> hashed = new HashMap<>();
        hashed.put("z", 1);
        hashed.put("a", 2);
        hashed.put("m", 3);
        Map<String, Object> tree = new TreeMap<>(hashed);
        assertThat(Json.write(linked)).isEqualTo("{\"z\":1,\"a\":2}");
        assertThat(Json.write(hashed)).isEqualTo("{\"a\":2,\"m\":3,\"z\":1}");
        assertThat(Json.write(tree)).isEqualTo(Json.write(hashed));
    }

    @Test
    void prettyPrintsWithTwoSpaces() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", Arrays.asList(1, 2));
        m.put("b", Map.of());
        assertThat(Json.pretty(m)).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}");
    }

    @Test
    void refusesWhatJsonCannotHold() {
        assertThatThrownBy(() -> Json.write(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Json.write(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }
}
