package se.delaktig.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long forms that are written in over a long time (the interview, the reflection) keep the
 * session alive: {@code session.js} pings every {@code pingInterval} while the page is open and has
 * been used (a key, a pointer, focus, the tab shown again) within {@code keepAliveWindow}.
 *
 * <p>The window is two hours: an interview lasts about an hour and an interviewer may listen for a
 * long while without touching the tablet. Once the window has passed without use the pings stop, and
 * the server's 30-minute inactivity timeout ends the session, so an abandoned tablet is signed out
 * at the latest about two and a half hours after its last use. The interval, five minutes, is well
 * inside the 30-minute timeout and costs one small GET per page and five minutes.
 *
 * <p>Mutable on purpose: the browser test shortens both to seconds for one test and sets them back.
 */
@org.springframework.stereotype.Component
@ConfigurationProperties("delaktig.session")
public class SessionKeepAlive {

    private Duration pingInterval = Duration.ofMinutes(5);
    private Duration keepAliveWindow = Duration.ofHours(2);

    public Duration getPingInterval() {
        return pingInterval;
    }

    public void setPingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
    }

    public Duration getKeepAliveWindow() {
        return keepAliveWindow;
    }

    public void setKeepAliveWindow(Duration keepAliveWindow) {
        this.keepAliveWindow = keepAliveWindow;
    }
}
