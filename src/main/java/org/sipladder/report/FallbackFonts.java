package org.sipladder.report;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.OTFParser;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.util.autodetect.FontFileFinder;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts of the machine that draw what the bundled DejaVu fonts cannot (Chinese, Japanese, Korean, Thai... names
 * in a From header), found on first need in the font folders and embedded as subsets like DejaVu. The folders are
 * read file by file, plain faces before bold or italic ones, only as far as a character needs: a report of Latin text
 * reads none. One per document.
 */
final class FallbackFonts {

    private static final Set<String> EXTENSIONS = Set.of("ttf", "otf", "ttc", "otc");
    /** Words in the name of a font file of a style variant: such files are read after the plain ones. */
    private static final Pattern STYLED = Pattern.compile("(?i)bold|italic|oblique|light|thin|black|heavy|medium"
            + "|semi|demi|condensed|narrow");

    /** One font of a file; {@code index} is its place in a collection (.ttc), -1 for a file of one font. */
    private record Face(Path file, int index, BitSet covers) {
    }

    private final PDDocument document;
    private final Supplier<List<URI>> finder;
    /** The font files, sorted, listed on first need; those before {@link #next} are read into {@link #faces}. */
    private List<Path> files;
    private int next;
    private final List<Face> faces = new ArrayList<>();
    /** The faces embedded in the document so far, in the order they were first needed. */
    private final Map<Face, PDFont> embedded = new LinkedHashMap<>();
    /** Faces that cover characters but cannot be embedded (not permitted, outlines PDFBox cannot embed). */
    private final Set<Face> unusable = new HashSet<>();
    /** Each character asked for and the font that draws it, null for none. */
    private final Map<Integer, PDFont> chosen = new HashMap<>();

    private FallbackFonts(PDDocument document, Supplier<List<URI>> finder) {
        this.document = document;
        this.finder = finder;
    }

    /** The fonts in the machine's usual font folders (PDFBox's FontFileFinder: /usr/share/fonts, ~/.fonts, ...). */
    static FallbackFonts system(PDDocument document) {
        return new FallbackFonts(document, () -> new FontFileFinder().find());
    }

    /** The fonts in {@code folder} and its subfolders only. */
    static FallbackFonts in(PDDocument document, Path folder) {
        return new FallbackFonts(document, () -> new FontFileFinder().find(folder.toString()));
    }

    /**
     * The font that draws {@code codePoint}, embedded in the document, or null when no font has it: one already
     * embedded for another character if it has it (a name stays in one typeface), else the first face in file order.
     */
    PDFont fontFor(int codePoint) {
        if (chosen.containsKey(codePoint)) {
            return chosen.get(codePoint);
        }
        PDFont font = find(codePoint);
        chosen.put(codePoint, font);
        return font;
    }

    private PDFont find(int codePoint) {
        for (Map.Entry<Face, PDFont> e : embedded.entrySet()) {
            if (e.getKey().covers().get(codePoint)) {
                return e.getValue();
            }
        }
        for (int i = 0; i < faces.size() || readNextFile(); i++) {
            Face face = faces.get(i);
            if (face.covers().get(codePoint) && !unusable.contains(face) && !embedded.containsKey(face)) {
                PDFont font = embed(face);
                if (font != null) {
                    embedded.put(face, font);
                    return font;
                }
                unusable.add(face);
            }
        }
        return null;
    }

    /** Reads the faces of the next font file into {@link #faces}; false when every file was read. */
    private boolean readNextFile() {
        if (files == null) {
            files = fontFiles();
        }
        if (next >= files.size()) {
            return false;
        }
        Path file = files.get(next++);
        try {
            if (collection(file)) {
                TrueTypeCollection fonts = new TrueTypeCollection(file.toFile());
                try {
                    int[] index = {0};
                    fonts.processAllFonts(font -> faces.add(new Face(file, index[0]++, coverage(font))));
                } finally {
                    fonts.close();
                }
            } else {
                try (TrueTypeFont font = parse(file)) {
                    faces.add(new Face(file, -1, coverage(font)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // a damaged or unreadable font file is passed over: another may have the character
        }
        return true;
    }

    private List<Path> fontFiles() {
        List<Path> found = new ArrayList<>();
        for (URI uri : finder.get()) {
            try {
                Path file = Path.of(uri);
                if (EXTENSIONS.contains(extension(file)) && Files.isRegularFile(file)) {
                    found.add(file);
                }
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                // not a file on this file system
            }
        }
        // a plain face for a plain line: a bold or condensed one only when no plain one has the character
        found.sort(Comparator.comparing((Path f) -> STYLED.matcher(f.getFileName().toString()).find())
                .thenComparing(Comparator.naturalOrder()));
        return found;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean collection(Path file) {
        String ext = extension(file);
        return ext.equals("ttc") || ext.equals("otc");
    }

    private static TrueTypeFont parse(Path file) throws IOException {
        RandomAccessReadBufferedFile in = new RandomAccessReadBufferedFile(file.toFile());
        return extension(file).equals("otf") ? new OTFParser().parse(in) : new TTFParser().parse(in);
    }

    /** The characters the face's Unicode cmap maps to a glyph: kept instead of the face, which is large. */
    private static BitSet coverage(TrueTypeFont font) throws IOException {
        BitSet covers = new BitSet();
        CmapLookup cmap;
        try {
            cmap = font.getUnicodeCmapLookup(true);
        } catch (IOException noUnicodeCmap) {
            return covers; // a symbol font's codes are no characters
        }
        for (int glyph = 1; glyph < font.getNumberOfGlyphs(); glyph++) {
            List<Integer> codes = cmap.getCharCodes(glyph);
            if (codes != null) {
                codes.forEach(covers::set);
            }
        }
        return covers;
    }

    /** The face embedded in the document as a subset, or null when it cannot be. */
    private PDFont embed(Face face) {
        try {
            TrueTypeFont font = face.index() < 0 ? parse(face.file()) : fromCollection(face);
            if (font == null) {
                return null;
            }
            // as for DejaVu: ligature glyphs would break searching the PDF's text
            font.setEnableGsub(false);
            document.registerTrueTypeFontForClosing(font);
            return PDType0Font.load(document, font, true);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The face at its index in its collection; the collection stays open, as the face reads from it when saved. */
    private static TrueTypeFont fromCollection(Face face) throws IOException {
        TrueTypeCollection fonts = new TrueTypeCollection(face.file().toFile());
        TrueTypeFont[] found = new TrueTypeFont[1];
        int[] index = {0};
        fonts.processAllFonts(font -> {
            if (index[0]++ == face.index()) {
                found[0] = font;
            }
        });
        return found[0];
    }
}
