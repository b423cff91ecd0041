package org.sipladder;

/** Entry point placeholder. */
public final class Launcher {
    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--version")) {
            System.out.println("SIP Ladder " + AppVersion.current());
            return;
        }
        System.out.println("sipladder");
    }
}
