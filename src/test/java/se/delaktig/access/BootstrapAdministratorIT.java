package se.delaktig.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import se.delaktig.IntegrationTest;
import se.delaktig.organization.Organization;

@IntegrationTest
class BootstrapAdministratorIT {

    @Autowired
    Organization organization;

    @Test
    void theFirstAdministratorComesFromTheEnvironment() {
        var username = "boot-" + UUID.randomUUID().toString().substring(0, 8);

        new BootstrapAdministrator(organization, username, "ett-starkt-startlosenord").run(new DefaultApplicationArguments());

        var admin = organization.staffByUsername(username).orElseThrow();
        assertThat(admin.administrator()).isTrue();
        assertThat(admin.enabled()).isTrue();
        assertThat(organization.passwordMatches(admin.id(), "ett-starkt-startlosenord")).isTrue();
    }

    @Test
    void anExistingAccountIsLeftAsItIs() {
        var username = "boot-" + UUID.randomUUID().toString().substring(0, 8);
        var id = organization.createStaff(username, "Redan Här", null, null, "det-gamla-losenordet", false);

        new BootstrapAdministrator(organization, username, "ett-annat-startlosenord").run(new DefaultApplicationArguments());

        assertThat(organization.staffMember(id).orElseThrow().administrator()).isFalse();
        assertThat(organization.passwordMatches(id, "det-gamla-losenordet")).isTrue();
    }

    @Test
    void aShortPasswordCreatesNoAdministrator() {
        var username = "boot-" + UUID.randomUUID().toString().substring(0, 8);

        new BootstrapAdministrator(organization, username, "kort").run(new DefaultApplicationArguments());

        assertThat(organization.staffByUsername(username)).isEmpty();
    }
}
