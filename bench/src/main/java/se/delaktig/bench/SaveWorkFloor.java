package se.delaktig.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * The second floor: the SQL work of one background save, sent straight over JDBC with nothing of
 * Delaktig around it. The statements are those PostgreSQL's statement log shows for one
 * {@code POST /interviews/{id}/autosave}, transaction by transaction: the session read (Spring
 * Session); then the interview, the signed-in person and their roles, the round and the child's
 * interviewer read for the access check (the round's guide is a locked version, which the application
 * reads once and then keeps), the interview row updated (returning its new version), its five
 * answers replaced and one audit row; then the session touched and read once more. Reads go to the
 * real rows of the load interviewers' interviews; writes go to copies of the tables ({@code bench_floor_*}) with payloads of the size the encrypted texts have, so that the floor
 * changes nothing the application reads. Each thread has its own connection (the application shares a
 * pool of ten), so this floor is if anything lower than the application's own database time.
 */
final class SaveWorkFloor {

    private static final int ANSWERS = 5;

    private record Target(long interviewId, long roundId, long participantId, long guideId, long staffId) {
    }

    private final String url;
    private final Properties credentials = new Properties();

    SaveWorkFloor(int port, String ownerPassword) {
        this.url = "jdbc:postgresql://127.0.0.1:" + port + "/delaktig";
        credentials.setProperty("user", "delaktig_owner");
        credentials.setProperty("password", ownerPassword);
    }

    /**
     * Runs one writer per interview until each has done {@code perThread} saves' work or the time is up,
     * pausing {@code pauseMillis} after each, as the application's savers do.
     */
    Stats run(List<Long> interviewIds, int perThread, long warmupMillis, long maxMillis, long pauseMillis) throws Exception {
        var targets = new ArrayList<Target>();
        try (var connection = DriverManager.getConnection(url, credentials); var statement = connection.createStatement()) {
            statement.execute("""
                    create table if not exists bench_floor_session (id int primary key, session_id text not null,
                    creation_time bigint not null, last_access_time bigint not null, max_inactive_interval int not null,
                    expiry_time bigint not null, principal_name text)""");
            statement.execute("""
                    create table if not exists bench_floor_session_attributes (session_id int not null, attribute_name text not null,
                    attribute_bytes bytea not null, primary key (session_id, attribute_name))""");
            statement.execute("""
                    create table if not exists bench_floor_interview (id bigint primary key, notes bytea, duration_minutes int,
                    child_experience text, child_experience_words bytea, transcript bytea, interviewer_id bigint,
                    updated_at timestamptz not null default now(), version int not null default 0)""");
            statement.execute("""
                    create table if not exists bench_floor_answer (interview_id bigint not null, question_id bigint not null,
                    value text, child_words bytea, notes bytea, primary key (interview_id, question_id))""");
            statement.execute("""
                    create table if not exists bench_floor_audit (id bigserial primary key, occurred_at timestamptz not null default now(),
                    actor text, action text, record_type text, record_id text, unit_id bigint, outcome text, detail text)""");
            try (var find = connection.prepareStatement("""
                    select i.id, i.round_id, i.participant_id, r.guide_id, i.interviewer_id
                    from interview i join round r on r.id = i.round_id where i.id = ?""")) {
                for (var id : interviewIds) {
                    find.setLong(1, id);
                    try (var rs = find.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("No interview " + id);
                        }
                        targets.add(new Target(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                    }
                }
            }
            var random = new Random(7);
            try (var session = connection.prepareStatement("""
                    insert into bench_floor_session values (?, ?, 0, 0, 1800, 0, ?) on conflict (id) do nothing""");
                 var attribute = connection.prepareStatement("""
                    insert into bench_floor_session_attributes values (?, ?, ?) on conflict do nothing""");
                 var interview = connection.prepareStatement("""
                    insert into bench_floor_interview (id) values (?) on conflict (id) do nothing""")) {
                for (int t = 0; t < targets.size(); t++) {
                    session.setInt(1, t);
                    session.setString(2, "session-" + t);
                    session.setString(3, "saver" + t);
                    session.executeUpdate();
                    for (var name : List.of("SPRING_SECURITY_CONTEXT", "org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN",
                            "delaktig.session.user", "org.springframework.web.servlet.i18n.SessionLocaleResolver.LOCALE")) {
                        attribute.setInt(1, t);
                        attribute.setString(2, name);
                        attribute.setBytes(3, bytes(random, name.startsWith("SPRING_SECURITY") ? 900 : 200));
                        attribute.executeUpdate();
                    }
                    interview.setLong(1, targets.get(t).interviewId());
                    interview.executeUpdate();
                }
            }
        }
        return FloorThreads.run(url, credentials, targets.size(), perThread, warmupMillis, maxMillis, pauseMillis,
                (c, index) -> new Work(c, index, targets.get(index), new Random(index))::once);
    }

    private static byte[] bytes(Random random, int size) {
        var bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** One save's statements on one connection, prepared once. */
    private static final class Work {
        private final Connection c;
        private final int index;
        private final Target target;
        private final Random random;
        private final PreparedStatement readSession;
        private final PreparedStatement staff;
        private final PreparedStatement roles;
        private final PreparedStatement interview;
        private final PreparedStatement round;
        private final PreparedStatement participant;
        private final PreparedStatement audit;
        private final PreparedStatement update;
        private final PreparedStatement deleteAnswers;
        private final PreparedStatement insertAnswer;
        private final PreparedStatement touchSession;

        Work(Connection c, int index, Target target, Random random) throws SQLException {
            this.c = c;
            this.index = index;
            this.target = target;
            this.random = random;
            readSession = c.prepareStatement("""
                    select s.id, s.session_id, s.creation_time, s.last_access_time, s.max_inactive_interval,
                           a.attribute_name, a.attribute_bytes
                    from bench_floor_session s left join bench_floor_session_attributes a on a.session_id = s.id
                    where s.session_id = ?""");
            staff = c.prepareStatement("select * from staff where id = ?");
            roles = c.prepareStatement("select unit_id, role from staff_role where staff_id = ? order by unit_id");
            interview = c.prepareStatement("select * from interview where id = ?");
            round = c.prepareStatement("select * from round where id = ?");
            participant = c.prepareStatement("select id, round_id, pseudonym, age, interviewer_id from participant where id = ?");
            audit = c.prepareStatement("""
                    insert into bench_floor_audit (actor, action, record_type, record_id, unit_id, outcome)
                    values (?, ?, 'interview', ?, null, 'SUCCESS')""");
            update = c.prepareStatement("""
                    update bench_floor_interview set notes = ?, duration_minutes = 45, child_experience = null,
                           child_experience_words = ?, transcript = ?, interviewer_id = ?, updated_at = now(), version = version + 1
                    where id = ? returning version, updated_at""");
            deleteAnswers = c.prepareStatement("delete from bench_floor_answer where interview_id = ?");
            insertAnswer = c.prepareStatement("insert into bench_floor_answer values (?, ?, null, ?, ?)");
            touchSession = c.prepareStatement("update bench_floor_session set last_access_time = ?, expiry_time = ? where id = ?");
        }

        void once() throws SQLException {
            // Spring Session reads the session in a transaction of its own before the request.
            c.setAutoCommit(false);
            readSession();
            c.commit();
            // The save, in one transaction: the access check's reads (the interview, the signed-in person and
            // their roles, the round, the child's interviewer), the interview updated, its answers, the audit row.
            interview.setLong(1, target.interviewId());
            drain(interview);
            staff.setLong(1, target.staffId());
            drain(staff);
            roles.setLong(1, target.staffId());
            drain(roles);
            round.setLong(1, target.roundId());
            drain(round);
            participant.setLong(1, target.participantId());
            drain(participant);
            update.setBytes(1, bytes(random, 1500));
            update.setBytes(2, null);
            update.setBytes(3, null);
            update.setLong(4, target.staffId());
            update.setLong(5, target.interviewId());
            drain(update);
            deleteAnswers.setLong(1, target.interviewId());
            deleteAnswers.executeUpdate();
            for (int q = 0; q < ANSWERS; q++) {
                insertAnswer.setLong(1, target.interviewId());
                insertAnswer.setLong(2, q);
                insertAnswer.setBytes(3, bytes(random, 250));
                insertAnswer.setBytes(4, null);
                insertAnswer.executeUpdate();
            }
            audit();
            c.commit();
            // After the answer, Spring Session touches the session and reads it once more (its validity
            // check after saving), each in a transaction of its own.
            var now = System.currentTimeMillis();
            touchSession.setLong(1, now);
            touchSession.setLong(2, now + 1_800_000);
            touchSession.setInt(3, index);
            touchSession.executeUpdate();
            c.commit();
            readSession();
            c.commit();
        }

        private void readSession() throws SQLException {
            readSession.setString(1, "session-" + index);
            drain(readSession);
        }

        private void audit() throws SQLException {
            audit.setString(1, "saver" + index);
            audit.setString(2, "SAVE");
            audit.setString(3, Long.toString(target.interviewId()));
            audit.executeUpdate();
        }

        private static void drain(PreparedStatement statement) throws SQLException {
            try (var rs = statement.executeQuery()) {
                var columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getObject(i);
                    }
                }
            }
        }
    }
}
