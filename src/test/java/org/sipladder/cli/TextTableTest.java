package org.sipladder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A table printed whole, and one flowing: sized by its first rows, the others printed as they come. */
class TextTableTest {

    private static final String[] HEADER = {"N", "NAME", "NOTE"};

    private static String whole(String[][] rows) {
        TextTable table = new TextTable(HEADER, 0);
        for (String[] row : rows) {
            table.add(row);
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        table.print(out);
        out.flush();
        return text.toString();
    }

    @Test
    void aFlowingTableOfFewRowsIsTheTablePrintedWhole() {
        String[][] rows = {{"1", "alice", "x"}, {"22", "bob", "longer note"}};
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        TextTable table = TextTable.flowing(out, 2, HEADER, 0);
        for (String[] row : rows) {
            table.add(row);
        }
        out.flush();
        assertEquals("", text.toString(), "nothing goes out before the rows that size the columns are all there");
        table.print(out);
        out.flush();
        assertEquals(whole(rows), text.toString());
    }

    @Test
    void aFlowingTablePrintsLaterRowsAsTheyComeInTheFirstRowsWidths() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        TextTable table = TextTable.flowing(out, 2, HEADER, 0);
        table.add("1", "alice", "x");
        table.add("22", "bob", "y");
        table.add("3", "carol", "z");
        out.flush();
        String nl = System.lineSeparator();
        String first = " N  NAME   NOTE" + nl + " 1  alice  x" + nl + "22  bob    y" + nl + " 3  carol  z" + nl;
        assertEquals(first, text.toString(), "sized by the header and the first two rows, then the third printed");
        // a wider cell pushes its row along instead of resizing what was printed
        table.add("444", "bartholomew", "w");
        table.print(out);
        out.flush();
        assertEquals(first + "444  bartholomew  w" + nl, text.toString());
    }
}
