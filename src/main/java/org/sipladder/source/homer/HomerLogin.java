package org.sipladder.source.homer;

/**
 * How to sign in to Homer: a user and password (exchanged at {@code /api/v3/auth} for a JWT), or an API token
 * (Homer's Settings > Auth Token, sent as the {@code Auth-Token} header). The secret never appears in
 * {@link #toString()} or in any message.
 *
 * @param user     user name, or null for an API token
 * @param password the user's password, or null for an API token
 * @param apiToken the API token, or null for a user
 */
public record HomerLogin(String user, String password, String apiToken) {

    public HomerLogin {
        if ((user == null) == (apiToken == null)) {
            throw new IllegalArgumentException("a user and password, or an API token");
        }
        if (user != null && password == null) {
            throw new IllegalArgumentException("a user needs a password");
        }
    }

    public static HomerLogin user(String user, String password) {
        return new HomerLogin(user, password, null);
    }

    public static HomerLogin apiToken(String token) {
        return new HomerLogin(null, null, token);
    }

    boolean usesApiToken() {
        return apiToken != null;
    }

    /** Who signs in, for messages: the user's name or "the API token". */
    String who() {
        return user != null ? "user " + user : "the API token";
    }

    @Override
    public String toString() {
        return "HomerLogin[" + who() + "]";
    }
}
