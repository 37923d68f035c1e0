package org.stemreach.registrations.notify;

import jakarta.mail.SendFailedException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed mail means, said without the address: a mail server's answer (and so the exception's message) usually
 * names the recipient, and a log line cannot be erased when the teacher asks to be forgotten.
 */
final class MailFailures {

    private MailFailures() {
    }

    /** A mail server's reply: its code and, if it gives one, its enhanced status ({@code 550 5.1.1 ...}). */
    private static final Pattern REPLY = Pattern.compile("^\\s*(\\d{3})[ -](?:\\s*(\\d\\.\\d{1,3}\\.\\d{1,3})\\b)?");
    /** Replies about the mailbox itself: no such user (550), not local (551), a name not allowed (553). */
    private static final java.util.Set<Integer> MAILBOX = java.util.Set.of(550, 551, 553);

    /**
     * Whether the mail server refused the recipient's address for good (a mistyped address): sending again will not help.
     * Only a refusal of the mailbox counts (550, 551 or 553, with an enhanced status about addressing, 5.1.x, if any):
     * one about the server itself (relaying denied, 5.7.1; authentication needed, 530) may go later and is retried.
     */
    static boolean addressRefused(MailException failure) {
        boolean invalidAddress = false;
        boolean mailboxReply = false;
        for (Throwable cause : causes(failure)) {
            if (!(cause instanceof SendFailedException refused)) {
                continue;
            }
            invalidAddress |= refused.getInvalidAddresses() != null && refused.getInvalidAddresses().length > 0;
            Matcher reply = REPLY.matcher(String.valueOf(refused.getMessage()));
            if (reply.find()) {
                String enhanced = reply.group(2);
                if (!MAILBOX.contains(Integer.parseInt(reply.group(1))) || (enhanced != null && !enhanced.startsWith("5.1."))) {
                    return false;
                }
                mailboxReply = true;
            }
        }
        return invalidAddress && mailboxReply;
    }

    /**
     * Whether the address could not even be made into one recipient (e.g. two addresses with a comma between, stored
     * before the form checked addresses as mails parse them): the mail never left, and never will.
     */
    static boolean addressUnusable(MailException failure) {
        return failure instanceof org.springframework.mail.MailParseException
                && causes(failure).stream().anyMatch(cause -> cause instanceof jakarta.mail.internet.AddressException);
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
