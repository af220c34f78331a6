package org.vendorwatch.platform.auth;

/** Who is writing: the identity provider's subject and the username at the time. */
public record Actor(String subject, String username) {

    /** The seed loader, for audit rows it writes. */
    public static final Actor SEED = new Actor("seed", "seed");
}
