package com.fleetprovisioner.worker.notify;

import com.fleetprovisioner.core.notify.Mailer;
import com.fleetprovisioner.core.notify.SmtpServer;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Plain-text emails over SMTP through Eclipse Angus Mail, to the server in force when the email is sent
 * (the settings page's, else FP_SMTP_*): a save applies to the next delivery without a restart. Timeouts
 * so a dead server fails the attempt.
 */
public final class SmtpMailer implements Mailer {
    private static final String TIMEOUT = Long.toString(Duration.ofSeconds(20).toMillis());

    private record Open(SmtpServer server, Session session) {
    }

    private final Supplier<Optional<SmtpServer>> server;
    private final AtomicReference<Open> open = new AtomicReference<>();

    public SmtpMailer(Supplier<Optional<SmtpServer>> server) {
        this.server = server;
    }

    private static Session session(SmtpServer server) {
        Properties props = new Properties();
        props.put("mail.smtp.host", server.host());
        props.put("mail.smtp.port", Integer.toString(server.port()));
        props.put("mail.smtp.connectiontimeout", TIMEOUT);
        props.put("mail.smtp.timeout", TIMEOUT);
        props.put("mail.smtp.writetimeout", TIMEOUT);
        props.put("mail.smtp.starttls.enable", Boolean.toString(server.startTls()));
        boolean auth = server.username().isPresent();
        props.put("mail.smtp.auth", Boolean.toString(auth));
        if (!auth) {
            return Session.getInstance(props);
        }
        return Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(server.username().get(), server.password().orElse(""));
            }
        });
    }

    @Override
    public boolean configured() {
        return server.get().isPresent();
    }

    @Override
    public void send(String to, String subject, String text) throws Exception {
        SmtpServer current = server.get()
                .orElseThrow(() -> new IllegalStateException("No SMTP server configured (Settings or FP_SMTP_HOST)"));
        Open last = open.get();
        if (last == null || !last.server().equals(current)) {
            last = new Open(current, session(current));
            open.set(last);
        }
        MimeMessage message = new MimeMessage(last.session());
        message.setFrom(new InternetAddress(current.from()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(text, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        Transport.send(message);
    }
}
