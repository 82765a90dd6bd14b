package se.delaktig.platform;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.access.Browser;
import se.delaktig.organization.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions are stored in PostgreSQL. Right after signing in, a person who opens several tabs at once
 * sends several first requests of one session together; each of them stores the session's CSRF token.
 * With spring-session-jdbc's default statements the second insert of that attribute failed on its
 * primary key and the tab showed an error page.
 */
@IntegrationTest
class SessionStoreIT {

    static final int TABS = 12;

    @LocalServerPort
    int port;

    @Autowired
    TestFixtures fixtures;

    @Test
    void tabsOpenedAtOnceRightAfterSigningInAllOpen() throws Exception {
        var org = fixtures.organisation();
        var username = "flikar-" + org.suffix();
        fixtures.staff(username, "Flik Flikarsson", org.unitId(), Role.INTERVIEWER);
        for (int attempt = 0; attempt < 3; attempt++) {
            var browser = new Browser(port);
            assertThat(browser.login(username, TestFixtures.PASSWORD).statusCode()).isEqualTo(302);
            var threads = Executors.newFixedThreadPool(TABS);
            try {
                var start = new CountDownLatch(1);
                var tabs = new ArrayList<Callable<Integer>>();
                for (int t = 0; t < TABS; t++) {
                    tabs.add(() -> {
                        start.await();
                        return browser.get("/interviews").statusCode();
                    });
                }
                var futures = tabs.stream().map(threads::submit).toList();
                start.countDown();
                for (var future : futures) {
                    assertThat(future.get(30, TimeUnit.SECONDS)).as("a tab opened together with %d others", TABS - 1)
                            .isEqualTo(200);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
