package org.vendorwatch.audit;

import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The chain check: {@code java -jar vendorwatch-api.jar verify-trail} starts without a web server,
 * seals what has ended, verifies the whole chain ({@link TrailVerifier}), prints the head or the first
 * broken event, and exits with 0 (intact) or 1 (broken).
 */
@Component
@ConditionalOnProperty(name = "vendorwatch.trail.verify", havingValue = "true")
public class TrailCommand implements ApplicationRunner, ExitCodeGenerator {

    private final DataSource dataSource;
    private final TrailQueries trail;
    private int exitCode;

    public TrailCommand(DataSource dataSource, TrailQueries trail) {
        this.dataSource = dataSource;
        this.trail = trail;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        trail.seal();
        TrailVerifier.Result r;
        try (Connection c = dataSource.getConnection()) {
            r = TrailVerifier.verify(c);
        }
        if (r.intact()) {
            System.out.println("Audit trail intact: " + r.sealedEvents() + " events sealed"
                    + (r.headHash() == null
                            ? ""
                            : ", head " + r.headSeq() + " (event " + r.headEventId() + ") " + r.headHash())
                    + "; " + r.unsealedEvents() + " not sealed yet.");
            exitCode = 0;
        } else {
            TrailVerifier.Break b = r.firstBreak();
            System.out.println("Audit trail BROKEN at chain position " + b.sealSeq() + " (audit_event id " + b.eventId()
                    + "): " + b.problem()
                    + ". The " + r.sealedEvents() + " events before it verify"
                    + (r.headHash() == null ? "." : "; the last good hash is " + r.headHash() + "."));
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
