package org.sipladder.diagnose;

/** How bad a finding is. */
public enum Severity {
    ERROR, WARNING, INFO
}
