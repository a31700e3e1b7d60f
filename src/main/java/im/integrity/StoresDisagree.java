package im.integrity;

import im.process.StartupRefused;

/**
 * The stores a server keeps (the users file, the database, the message files) do not belong
 * together: starting would serve some of them without the others, or hand one user's data to
 * another. Stops startup with what was found and what to do.
 */
public class StoresDisagree extends StartupRefused {

    public StoresDisagree(String description, String action) {
        super(description, action);
    }
}
