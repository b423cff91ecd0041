package org.sipladder.report;

import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** Paper the report is laid out for. */
public enum PageSize {
    A4(PDRectangle.A4), LETTER(PDRectangle.LETTER);

    private final PDRectangle rectangle;

    PageSize(PDRectangle rectangle) {
        this.rectangle = rectangle;
    }

    PDRectangle rectangle() {
        return rectangle;
    }
}
