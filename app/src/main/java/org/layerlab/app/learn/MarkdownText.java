package org.layerlab.app.learn;

/**
 * A lesson's Markdown as readable plain text for a label: the title heading (shown separately) is
 * dropped, other headings and emphasis markers (**bold**, *italic*, `code`) are removed, paragraphs keep
 * their breaks; a lone * (as in 2 * 3) stays.
 */
final class MarkdownText {
    private MarkdownText() {}

    static String plain(String md, String title) {
        StringBuilder out = new StringBuilder();
        for (String line : md.strip().split("\n")) {
            String l = line.strip();
            if (l.startsWith("#")) {
                String h = l.replaceFirst("^#+\\s*", "");
                if (h.equals(title)) continue;
                l = h.toUpperCase(java.util.Locale.ROOT);
            }
            l = l.replace("**", "").replace("`", "").replaceAll("(?<![\\w*])\\*([^*\\s](?:[^*]*[^*\\s])?)\\*(?![\\w*])", "$1");
            if (l.isEmpty()) {
                if (out.length() > 0 && !out.toString().endsWith("\n\n")) out.append("\n\n");
            } else {
                if (out.length() > 0 && !out.toString().endsWith("\n")) out.append(' ');
                out.append(l);
            }
        }
        return out.toString().strip();
    }
}
