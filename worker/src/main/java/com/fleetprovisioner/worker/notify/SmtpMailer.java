package com.fleetprovisioner.worker.notify;

import com.fleetprovisioner.core.config.NotificationSettings;
import com.fleetprovisioner.core.notify.Mailer;
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
import java.util.Properties;

/** Plain-text emails over SMTP (FP_SMTP_*), through Eclipse Angus Mail; timeouts so a dead server fails the attempt. */
public final class SmtpMailer implements Mailer {
    private static final String TIMEOUT = Long.toString(Duration.ofSeconds(20).toMillis());

    private final NotificationSettings settings;
    private final Session session;

    public SmtpMailer(NotificationSettings settings) {
        this.settings = settings;
        this.session = settings.smtpHost().map(host -> session(settings, host)).orElse(null);
    }

    private static Session session(NotificationSettings settings, String host) {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
        props.put("mail.smtp.connectiontimeout", TIMEOUT);
        props.put("mail.smtp.timeout", TIMEOUT);
        props.put("mail.smtp.writetimeout", TIMEOUT);
        props.put("mail.smtp.starttls.enable", Boolean.toString(settings.smtpStartTls()));
        boolean auth = settings.smtpUsername().isPresent();
        props.put("mail.smtp.auth", Boolean.toString(auth));
        if (!auth) {
            return Session.getInstance(props);
        }
        return Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.smtpUsername().get(), settings.smtpPassword().orElse(""));
            }
        });
    }

    @Override
    public boolean configured() {
        return session != null;
    }

    @Override
    public void send(String to, String subject, String text) throws Exception {
        if (session == null) {
            throw new IllegalStateException("No SMTP server configured (FP_SMTP_HOST)");
        }
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(settings.smtpFrom()));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(text, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        Transport.send(message);
    }
}
