package org.sipladder.sip;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;
import java.util.Properties;

/**
 * A jain-sip stack logger that discards everything. jain-sip otherwise loads log4j, which it declares only
 * as "provided": parsing a bare CRLF then fails with NoClassDefFoundError for org.apache.log4j.Priority.
 */
final class QuietStackLogger implements StackLogger {

    private QuietStackLogger() {
    }

    /** Routes jain-sip's process-wide logging here; idempotent and cheap, so every parser may call it. */
    static void install() {
        if (!(CommonLogger.legacyLogger instanceof QuietStackLogger)) {
            CommonLogger.legacyLogger = new QuietStackLogger();
        }
        CommonLogger.useLegacyLogger = true;
    }

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
    }

    @Override
    public void logDebug(String message) {
    }

    @Override
    public void logDebug(String message, Exception ex) {
    }

    @Override
    public void logTrace(String message) {
    }

    @Override
    public void logFatalError(String message) {
    }

    @Override
    public void logError(String message) {
    }

    @Override
    public boolean isLoggingEnabled() {
        return false;
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return false;
    }

    @Override
    public void logError(String message, Exception ex) {
    }

    @Override
    public void logWarning(String message) {
    }

    @Override
    public void logInfo(String message) {
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return "sipladder-quiet";
    }
}
