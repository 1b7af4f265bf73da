package io.github.aegirmaven.aegir.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"aegir.example.com", "localhost", "a-b.c0.example", "AEGIR.Example.COM", "x1"})
    void acceptsHostNames(String name) {
        assertThat(HostName.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "aegir.example.com; rm -rf /",
                "aegir example.com",
                "$(id).example.com",
                "a..b",
                ".example.com",
                "-bad.example.com",
                "bad-.example.com",
                "ae`gir`.com",
                "a/b",
                " aegir.example.com",
                ""
            })
    void refusesEverythingElse(String name) {
        assertThat(HostName.problem(name)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void saysWhichCharacterIsWrong() {
        assertThat(HostName.problem("aegir;example.com"))
                .hasValueSatisfying(p -> assertThat(p).contains("';'"));
        assertThat(HostName.problem("aegir example.com"))
                .hasValueSatisfying(p -> assertThat(p).contains("white space"));
    }
}
