package com.fleetprovisioner.web.apidocs;

import java.util.ArrayList;
import java.util.List;

/**
 * The document's descriptions as the page shows them: paragraphs of plain text and {@code code}
 * spans. Only the little Markdown the document uses is read (backticks, emphasis stars, blank lines);
 * the text is escaped by the template like any other text.
 */
record Prose(List<Paragraph> paragraphs) {
    record Paragraph(List<Span> spans) {
    }

    record Span(String text, boolean code) {
    }

    static Prose of(String markdown) {
        List<Paragraph> paragraphs = new ArrayList<>();
        for (String block : (markdown == null ? "" : markdown).split("\n\\s*\n")) {
            if (!block.isBlank()) {
                paragraphs.add(new Paragraph(spans(block.strip())));
            }
        }
        return new Prose(List.copyOf(paragraphs));
    }

    /** Odd pieces between backticks are code; stars mark emphasis, which the page leaves plain. */
    private static List<Span> spans(String block) {
        List<Span> spans = new ArrayList<>();
        String[] pieces = block.split("`", -1);
        for (int i = 0; i < pieces.length; i++) {
            boolean code = i % 2 == 1;
            String text = code ? pieces[i] : pieces[i].replace("**", "").replaceAll("\\*([^*\\s][^*]*)\\*", "$1");
            if (!text.isEmpty()) {
                spans.add(new Span(text, code));
            }
        }
        return List.copyOf(spans);
    }
}
