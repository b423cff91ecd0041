package org.sipladder;

/** Entry point placeholder. */
public final class Launcher {
    public static void main(String[] args) {
        System.out.println("sipladder");
    }
}
