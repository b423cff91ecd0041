package org.sipladder.ui.calls;

/** How a call ended, as a colour class of the call list: the CSS class names live here so tests and styles agree. */
public enum StatusClass {
    SUCCESS("status-success", "2xx answered"),
    WARNING("status-warning", "3xx/4xx"),
    FAILURE("status-failure", "5xx/6xx"),
    NO_FINAL("status-none", "no final response");

    private final String cssClass;
    private final String legend;

    StatusClass(String cssClass, String legend) {
        this.cssClass = cssClass;
        this.legend = legend;
    }

    /** What the colour means, for the legend above the call list. */
    public String legend() {
        return legend;
    }

    public String cssClass() {
        return cssClass;
    }

    /** 2xx success, 3xx/4xx warning, 5xx/6xx failure, no final response (0 or provisional only). */
    public static StatusClass of(int finalStatus) {
        if (finalStatus >= 200 && finalStatus < 300) {
            return SUCCESS;
        }
        if (finalStatus >= 300 && finalStatus < 500) {
            return WARNING;
        }
        if (finalStatus >= 500) {
            return FAILURE;
        }
        return NO_FINAL;
    }
}
