package io.github.aegirmaven.aegir.makefile;

import java.util.ArrayList;
import java.util.List;

/**
 * Make file text together with where each part of it came from. One file gives one segment;
 * drush_make 6.x-2.x and drush 5/6 glue included files' texts together with {@code "\n"} and parse the
 * result again, which gives several segments, so that every offset can still be traced to a file and a
 * line.
 */
public final class SourceText {

    private record Segment(int start, int end, String file, int firstLine) {}

    private final String text;
    private final List<Segment> segments;
    private int cursorOffset;
    private int[] lineStarts;
    private int cursorLine;

    private SourceText(String text, List<Segment> segments) {
        this.text = text;
        this.segments = segments;
    }

    /** The text of one file, shown to the user as {@code file}. */
    public static SourceText of(String file, String text) {
        return new SourceText(text, List.of(new Segment(0, text.length(), file, 1)));
    }

    /** The pieces joined with {@code "\n"}, as PHP's {@code implode("\n", ...)} does. */
    public static SourceText join(List<SourceText> parts) {
        StringBuilder sb = new StringBuilder();
        List<Segment> segs = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            int base = sb.length();
            SourceText part = parts.get(i);
            for (Segment s : part.segments) {
                segs.add(new Segment(base + s.start, base + s.end, s.file, s.firstLine));
            }
            sb.append(part.text);
        }
        return new SourceText(sb.toString(), segs);
    }

    public String text() {
        return text;
    }

    /** The file the text at {@code offset} belongs to, and its line there. */
    public Origin origin(int offset) {
        if (segments.size() == 1) {
            Segment only = segments.get(0);
            return new Origin(only.file, only.firstLine + globalLine(offset));
        }
        Segment seg = segments.get(0);
        for (Segment s : segments) {
            if (s.start <= offset) {
                seg = s;
            } else {
                break;
            }
        }
        int at = Math.min(offset, seg.end);
        int startLine = lineOfSegmentStart(seg);
        return new Origin(seg.file, seg.firstLine + globalLine(at) - startLine);
    }

    private final java.util.Map<Segment, Integer> segmentLines = new java.util.HashMap<>();

    private int lineOfSegmentStart(Segment seg) {
        Integer known = segmentLines.get(seg);
        if (known == null) {
            known = globalLine(seg.start);
            segmentLines.put(seg, known);
        }
        return known;
    }

    /**
     * 0-based line index of {@code offset} in the whole text. Lookups mostly move forward (the parser
     * asks in text order), so the newlines since the previous lookup are counted; a lookup backwards
     * uses an index of line starts built on first need.
     */
    private int globalLine(int offset) {
        int target = Math.min(Math.max(offset, 0), text.length());
        if (target < cursorOffset) {
            if (lineStarts == null) {
                lineStarts = buildLineStarts();
            }
            int idx = java.util.Arrays.binarySearch(lineStarts, target);
            return idx >= 0 ? idx : -idx - 2;
        }
        int line = cursorLine;
        for (int i = cursorOffset; i < target; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        cursorOffset = target;
        cursorLine = line;
        return line;
    }

    private int[] buildLineStarts() {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int k = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }
}
