import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the SIP Ladder application icon (three lifelines, two requests going right, a red failure
 * response coming back) at every size jpackage and the desktops ask for, and packs the PNGs into
 * .ico (Windows) and .icns (macOS) containers. Run through scripts/make-icons.sh; needs only a JDK.
 *
 * <p>Small sizes get their own pixel-aligned drawing: a scaled-down 512 px icon turns the lifelines
 * into grey mush at 16 px.
 */
public final class MakeIcons {

    private static final int[] SIZES = {16, 32, 48, 64, 128, 256, 512};
    private static final Color BG_TOP = new Color(0x2B3A67);
    private static final Color BG_BOTTOM = new Color(0x18213D);
    private static final Color LIFELINE = new Color(0x8FA3C8);
    private static final Color HEAD = new Color(0xC9D5EA);
    private static final Color REQUEST = new Color(0xFFFFFF);
    private static final Color FAILURE = new Color(0xF0443A);

    public static void main(String[] args) throws IOException {
        Path iconDir = Path.of(args.length > 0 ? args[0] : "icons");
        Path resourceDir = Path.of(args.length > 1 ? args[1] : "src/main/resources/org/sipladder/icons");
        Files.createDirectories(iconDir);
        Files.createDirectories(resourceDir);
        Map<Integer, byte[]> pngs = new LinkedHashMap<>();
        for (int size : SIZES) {
            byte[] png = png(draw(size));
            pngs.put(size, png);
            Files.write(iconDir.resolve("sipladder-" + size + ".png"), png);
            Files.write(resourceDir.resolve("sipladder-" + size + ".png"), png);
        }
        Files.write(iconDir.resolve("sipladder.png"), pngs.get(512));
        Files.write(iconDir.resolve("sipladder.ico"), ico(pngs));
        Files.write(iconDir.resolve("sipladder.icns"), icns(pngs));
        System.out.println("wrote " + SIZES.length + " PNGs, sipladder.ico and sipladder.icns to " + iconDir);
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        if (size == 16) {
            drawSmall(g);
        } else if (size == 32) {
            drawMedium(g);
        } else {
            drawDetailed(g, size);
        }
        g.dispose();
        return img;
    }

    /** The full drawing in a 512-unit design space, scaled to the target size. */
    private static void drawDetailed(Graphics2D g, int size) {
        g.scale(size / 512.0, size / 512.0);
        // macOS and GNOME icons keep a margin around the tile; 512 px with a 24-unit inset looks native.
        double inset = size >= 128 ? 24 : 8;
        RoundRectangle2D tile = new RoundRectangle2D.Double(inset, inset, 512 - 2 * inset, 512 - 2 * inset, 104, 104);
        g.setPaint(new GradientPaint(0, (float) inset, BG_TOP, 0, (float) (512 - inset), BG_BOTTOM));
        g.fill(tile);

        double[] xs = {128, 256, 384};
        double headW = size >= 128 ? 72 : 84;
        double headH = size >= 128 ? 40 : 48;
        double headTop = 78;
        double lineTop = headTop + headH;
        double lineBottom = 440;
        double lineW = size >= 128 ? 10 : 16;
        for (double x : xs) {
            g.setColor(LIFELINE);
            g.fill(new Rectangle2D.Double(x - lineW / 2, lineTop, lineW, lineBottom - lineTop));
            g.setColor(HEAD);
            g.fill(new RoundRectangle2D.Double(x - headW / 2, headTop, headW, headH, 14, 14));
        }
        double arrowH = size >= 128 ? 26 : 34;
        double headLen = size >= 128 ? 52 : 64;
        double headHalf = size >= 128 ? 36 : 44;
        arrow(g, xs[0], xs[1], 196, arrowH, headLen, headHalf, REQUEST);
        arrow(g, xs[1], xs[2], 284, arrowH, headLen, headHalf, REQUEST);
        arrow(g, xs[2], xs[0], 372, arrowH, headLen, headHalf, FAILURE);
    }

    /**
     * The 16 px drawing: two one-pixel lifelines, a white request going right and a red failure
     * coming back, every straight edge on a pixel boundary.
     */
    private static void drawSmall(Graphics2D g) {
        tile(g, 16, 5);
        lifeline(g, 3, 1, 2, 1, 3, 14);
        lifeline(g, 12, 1, 2, 1, 3, 14);
        gridArrow(g, 4, 12, 6, 2, 3, REQUEST);
        gridArrow(g, 12, 4, 11, 2, 3, FAILURE);
    }

    /** The 32 px drawing: three two-pixel lifelines and the same three arrows as the large icon. */
    private static void drawMedium(Graphics2D g) {
        tile(g, 32, 9);
        for (int x : new int[] {6, 15, 24}) {
            lifeline(g, x, 2, 4, 3, 7, 28);
        }
        gridArrow(g, 8, 15, 12, 4, 4, REQUEST);
        gridArrow(g, 17, 24, 18, 4, 4, REQUEST);
        gridArrow(g, 24, 8, 24, 4, 4, FAILURE);
    }

    private static void tile(Graphics2D g, int size, int arc) {
        g.setPaint(new GradientPaint(0, 0, BG_TOP, 0, size, BG_BOTTOM));
        g.fill(new RoundRectangle2D.Double(0, 0, size, size, arc, arc));
    }

    /** A lifeline whose left pixel column is {@code x}, with a head box centred on it. */
    private static void lifeline(Graphics2D g, int x, int width, int headTop, int headHeight, int top, int bottom) {
        g.setColor(LIFELINE);
        g.fillRect(x, top, width, bottom - top);
        g.setColor(HEAD);
        g.fillRect(x - 1 - width / 2, headTop, width + 2 + 2 * (width / 2), headHeight);
    }

    /**
     * An arrow from x {@code from} to x {@code to} (pixel boundaries), centred on y {@code centre}; the
     * head is a 45 degree triangle {@code headLength} long and twice as tall.
     */
    private static void gridArrow(Graphics2D g, int from, int to, int centre, int shaft, int headLength,
                                  Color color) {
        int dir = Integer.signum(to - from);
        int base = to - dir * headLength;
        g.setColor(color);
        g.fillRect(Math.min(from, base), centre - shaft / 2, Math.abs(base - from), shaft);
        Path2D head = new Path2D.Double();
        head.moveTo(base, centre - headLength);
        head.lineTo(to, centre);
        head.lineTo(base, centre + headLength);
        head.closePath();
        g.fill(head);
    }

    private static void arrow(Graphics2D g, double from, double to, double y, double thickness,
                              double headLen, double headHalf, Color color) {
        int dir = to > from ? 1 : -1;
        double base = to - dir * headLen;
        g.setColor(color);
        g.setStroke(new BasicStroke((float) thickness, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        g.fill(new Rectangle2D.Double(Math.min(from, base), y - thickness / 2, Math.abs(base - from) + 1, thickness));
        Path2D head = new Path2D.Double();
        head.moveTo(to, y);
        head.lineTo(base, y - headHalf);
        head.lineTo(base, y + headHalf);
        head.closePath();
        g.fill(head);
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** ICO with PNG entries (Windows Vista and later read PNG-compressed entries at every size). */
    static byte[] ico(Map<Integer, byte[]> pngs) {
        Map<Integer, byte[]> entries = new LinkedHashMap<>(pngs);
        entries.remove(512); // ICO sizes stop at 256
        int headerSize = 6 + 16 * entries.size();
        int total = headerSize + entries.values().stream().mapToInt(b -> b.length).sum();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) entries.size());
        int offset = headerSize;
        for (Map.Entry<Integer, byte[]> e : entries.entrySet()) {
            int dim = e.getKey() >= 256 ? 0 : e.getKey(); // 0 means 256
            b.put((byte) dim).put((byte) dim).put((byte) 0).put((byte) 0)
                    .putShort((short) 1).putShort((short) 32).putInt(e.getValue().length).putInt(offset);
            offset += e.getValue().length;
        }
        entries.values().forEach(b::put);
        return b.array();
    }

    /** ICNS with PNG entries under the OSType codes macOS 10.7+ looks up for each pixel size. */
    static byte[] icns(Map<Integer, byte[]> pngs) {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("icp4", 16);
        types.put("icp5", 32);
        types.put("icp6", 64);
        types.put("ic07", 128);
        types.put("ic08", 256);
        types.put("ic09", 512);
        types.put("ic11", 32);   // 16 pt @2x
        types.put("ic12", 64);   // 32 pt @2x
        types.put("ic13", 256);  // 128 pt @2x
        types.put("ic14", 512);  // 256 pt @2x
        int total = 8 + types.values().stream().mapToInt(s -> 8 + pngs.get(s).length).sum();
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        b.put("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(total);
        for (Map.Entry<String, Integer> t : types.entrySet()) {
            byte[] png = pngs.get(t.getValue());
            b.put(t.getKey().getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + png.length).put(png);
        }
        return b.array();
    }
}
