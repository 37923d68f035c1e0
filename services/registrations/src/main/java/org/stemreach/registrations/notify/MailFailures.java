package org.stemreach.registrations.notify;

import jakarta.mail.SendFailedException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

import java.util.ArrayList;
import java.util.List;

/**
 * What a failed mail means, said without the address: a mail server's answer (and so the exception's message) usually
 * names the recipient, and a log line cannot be erased when the teacher asks to be forgotten.
 */
final class MailFailures {

    private MailFailures() {
    }

    /** Whether the mail server refused the recipient's address for good (a mistyped address): sending again will not help. */
    static boolean addressRefused(MailException failure) {
        for (Throwable cause : causes(failure)) {
            if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                    && refused.getInvalidAddresses().length > 0) {
                return true;
            }
        }
        return false;
    }

    /** An exception to throw for a mail that may go later (the delivery is retried): no message of the mail server, no cause. */
    static MailNotSentException notSent(String kind, String eventId, String teacherId, MailException failure) {
        return new MailNotSentException("mail " + kind + " of event " + eventId + " to teacher " + teacherId + " not sent ("
                + failure.getClass().getSimpleName() + "; the mail server's answer is not logged, it names the address)");
    }

    private static List<Throwable> causes(MailException failure) {
        List<Throwable> causes = new ArrayList<>();
        List<Throwable> roots = new ArrayList<>(List.of(failure));
        if (failure instanceof MailSendException send) {
            roots.addAll(send.getFailedMessages().values());
            roots.addAll(List.of(send.getMessageExceptions()));
        }
        for (Throwable root : roots) {
            for (Throwable cause = root; cause != null && !causes.contains(cause); cause = cause.getCause()) {
                causes.add(cause);
            }
        }
        return causes;
    }

    /** A mail that could not be sent now; its message names the event and the teacher's opaque id, never an address. */
    static final class MailNotSentException extends RuntimeException {

        MailNotSentException(String message) {
            super(message, null, false, false);
        }
    }
}
