package org.stemreach.gateway.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The user name of a failed sign-in, kept in the session (not in the address, where it would stay in the browser's
 * history) so that the form shows it once more and only the password has to be typed again.
 */
public final class LastUserName {

    private static final String ATTRIBUTE = "stemreach.signin.lastUserName";
    private static final int LONGEST = 200;

    private LastUserName() {
    }

    static void remember(HttpServletRequest request) {
        String name = request.getParameter("username");
        if (name != null && name.length() <= LONGEST) {
            request.getSession().setAttribute(ATTRIBUTE, name);
        }
    }

    /** The name kept by the last failed sign-in of this session, if any; it is then forgotten. */
    public static String take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Object name = session.getAttribute(ATTRIBUTE);
        session.removeAttribute(ATTRIBUTE);
        return name instanceof String text ? text : null;
    }
}
