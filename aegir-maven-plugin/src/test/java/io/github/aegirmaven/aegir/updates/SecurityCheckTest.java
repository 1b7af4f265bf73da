package io.github.aegirmaven.aegir.updates;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.updates.SecurityCheck.State;
import org.junit.jupiter.api.Test;

class SecurityCheckTest {

    private static HistoryXml views() {
        return new HistoryXml("views", "6.x").majors("2", "2");
    }

    @Test
    void theNewestReleaseOfASupportedMajorIsSecure() throws Exception {
        ReleaseHistory h = views().release("2.16", "Bug fixes").release("2.15").parse();
        SecurityCheck.Verdict v = SecurityCheck.check("views", "2.16", h);
        assertThat(v.state()).isEqualTo(State.SECURE);
        assertThat(v.flagged()).isFalse();
    }

    @Test
    void aNewerSecurityUpdateOfTheSameMajorIsNamed() throws Exception {
        ReleaseHistory h = views().release("2.16", "Bug fixes")
                .release("2.15", "Security update")
                .release("2.14")
                .parse();
        SecurityCheck.Verdict v = SecurityCheck.check("views", "6.x-2.14", h);
        assertThat(v.state()).isEqualTo(State.SECURITY_UPDATE_AVAILABLE);
        assertThat(v.describe())
                .contains("security update")
                .contains("6.x-2.15")
                .endsWith("move to 6.x-2.16");
        assertThat(SecurityCheck.check("views", "2.15", h).state()).isEqualTo(State.SECURE);
    }

    @Test
    void aSecurityUpdateOfAnotherMajorDoesNotCount() throws Exception {
        ReleaseHistory h = new HistoryXml("views", "6.x")
                .majors("3", "2,3")
                .release("3.1", "Security update")
                .release("2.14")
                .parse();
        assertThat(SecurityCheck.check("views", "2.14", h).state()).isEqualTo(State.SECURE);
    }

    @Test
    void anInsecureProject() throws Exception {
        ReleaseHistory h = views().status("insecure").release("2.14").parse();
        assertThat(SecurityCheck.check("views", "2.14", h).state()).isEqualTo(State.INSECURE);
    }

    @Test
    void anInsecureRelease() throws Exception {
        ReleaseHistory h = views().release("2.15").release("2.14", "Insecure").parse();
        SecurityCheck.Verdict v = SecurityCheck.check("views", "2.14", h);
        assertThat(v.state()).isEqualTo(State.INSECURE);
        assertThat(v.moveTo()).contains("6.x-2.15");
    }

    @Test
    void aRevokedReleaseAndARevokedProject() throws Exception {
        ReleaseHistory h =
                views().release("2.15").full("2.14", null, "unpublished").parse();
        assertThat(SecurityCheck.check("views", "2.14", h).state()).isEqualTo(State.REVOKED);
        ReleaseHistory gone = views().status("unpublished").release("2.14").parse();
        assertThat(SecurityCheck.check("views", "2.14", gone).state()).isEqualTo(State.REVOKED);
    }

    @Test
    void anUnsupportedMajorOrProject() throws Exception {
        ReleaseHistory h = new HistoryXml("views", "6.x")
                .majors("3", "3")
                .release("3.2")
                .release("2.14")
                .parse();
        SecurityCheck.Verdict v = SecurityCheck.check("views", "2.14", h);
        assertThat(v.state()).isEqualTo(State.UNSUPPORTED);
        assertThat(v.moveTo()).contains("6.x-3.2");
        ReleaseHistory project = views().status("unsupported").release("2.14").parse();
        assertThat(SecurityCheck.check("views", "2.14", project).state()).isEqualTo(State.UNSUPPORTED);
    }

    @Test
    void aReleaseTheHistoryDoesNotList() throws Exception {
        ReleaseHistory h = views().release("2.15").parse();
        assertThat(SecurityCheck.check("views", "2.3", h).state()).isEqualTo(State.NOT_IN_HISTORY);
    }
}
